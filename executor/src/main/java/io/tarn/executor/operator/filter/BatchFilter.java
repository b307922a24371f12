package io.tarn.executor.operator.filter;

import io.tarn.catalog.type.Batch;
import io.tarn.executor.expression.CompiledPredicate;
import io.tarn.executor.expression.Expression;
import io.tarn.executor.expression.ExpressionCompiler;
import io.tarn.executor.vector.VectorCopier;
import org.apache.arrow.memory.BufferAllocator;

import java.time.ZoneId;

import static java.util.Objects.requireNonNull;

/** Applies a condition to batches: passes a batch through untouched when every row survives, else copies the survivors. */
public final class BatchFilter {
    private final CompiledPredicate predicate;
    private int[] selection = new int[0];

    public BatchFilter(Expression condition, ZoneId zone) {
        this.predicate = ExpressionCompiler.compilePredicate(requireNonNull(condition, "condition is null"), zone);
    }

    /** The rows of {@code batch} (which this call consumes) where the condition is TRUE, or null when none are. */
    public Batch apply(Batch batch, BufferAllocator allocator) {
        int count;
        try {
            if (selection.length < batch.rowCount()) {
                selection = new int[batch.rowCount()];
            }
            count = predicate.filter(batch, selection);
        } catch (RuntimeException e) {
            batch.close();
            throw e;
        }
        if (count == batch.rowCount()) {
            return batch;
        }
        try (batch) {
            return count == 0 ? null : VectorCopier.copyRows(batch, selection, count, allocator);
        }
    }
}
