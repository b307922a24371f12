package io.tarn.executor.expression;

import io.tarn.catalog.type.Batch;
import io.tarn.executor.ExecutionException;
import io.tarn.executor.expression.runtime.GeneratedExpression;
import org.apache.arrow.vector.FieldVector;

import static java.util.Objects.requireNonNull;

/** A compiled filter condition: lists the positions of the rows where it is TRUE (NULL and FALSE drop the row). */
public final class CompiledPredicate {
    private final GeneratedExpression generated;

    CompiledPredicate(GeneratedExpression generated) {
        this.generated = generated;
    }

    /** Writes the surviving row positions, ascending, into {@code selection} (length >= row count); returns how many. */
    public int filter(Batch batch, int[] selection) {
        requireNonNull(batch, "batch is null");
        if (selection.length < batch.rowCount()) {
            throw new IllegalArgumentException("selection holds " + selection.length + " rows, batch has " + batch.rowCount());
        }
        try {
            return generated.filter(batch.columns().toArray(new FieldVector[0]), batch.rowCount(), selection);
        } catch (ClassCastException e) {
            throw new ExecutionException(ExecutionException.INTERNAL_ERROR, "input vectors do not match the filter's types", e);
        }
    }
}
