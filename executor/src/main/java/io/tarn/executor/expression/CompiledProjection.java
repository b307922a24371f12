package io.tarn.executor.expression;

import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.RowSchema;
import io.tarn.executor.memory.MemoryErrors;
import io.tarn.executor.vector.Batches;
import io.tarn.executor.vector.VectorCopier;
import io.tarn.executor.vector.Vectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.FieldVector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A compiled list of expressions producing one output column each. Plain column references move the input's
 * buffers instead of copying values (a column referenced twice is copied for the second use).
 */
public final class CompiledProjection {
    private final List<Expression> expressions;
    private final List<CompiledExpression> compiled;
    private final RowSchema outputSchema;

    CompiledProjection(List<Expression> expressions, List<CompiledExpression> compiled, RowSchema outputSchema) {
        this.expressions = List.copyOf(expressions);
        this.compiled = compiled;
        this.outputSchema = outputSchema;
    }

    /** The output batch for {@code input}, which this call consumes (closes) whether it succeeds or not. */
    public Batch apply(Batch input, BufferAllocator allocator) {
        try (input) {
            FieldVector[] outputs = new FieldVector[expressions.size()];
            try {
                // computed columns first: moving referenced columns empties the input vectors
                for (int i = 0; i < outputs.length; i++) {
                    if (compiled.get(i) != null) {
                        outputs[i] = compiled.get(i).evaluate(input, outputSchema.column(i).name(), allocator);
                    }
                }
                boolean[] moved = new boolean[input.columnCount()];
                for (int i = 0; i < outputs.length; i++) {
                    if (compiled.get(i) == null) {
                        int index = ((InputReference) expressions.get(i)).index();
                        outputs[i] = moved[index]
                                ? VectorCopier.copyAll(outputs[firstUse(index)], input.rowCount(), allocator)
                                : Batches.transfer(input.column(index), outputSchema.column(i).name(), allocator);
                        moved[index] = true;
                    }
                }
                return new Batch(Arrays.asList(outputs), input.rowCount());
            } catch (OutOfMemoryException e) {
                closeCreated(outputs);
                throw MemoryErrors.exceeded(e, allocator);
            } catch (RuntimeException e) {
                closeCreated(outputs);
                throw e;
            }
        }
    }

    private int firstUse(int inputIndex) {
        for (int i = 0; i < expressions.size(); i++) {
            if (compiled.get(i) == null && ((InputReference) expressions.get(i)).index() == inputIndex) {
                return i;
            }
        }
        throw new IllegalStateException("column " + inputIndex + " is not referenced");
    }

    private static void closeCreated(FieldVector[] outputs) {
        List<FieldVector> created = new ArrayList<>();
        for (FieldVector output : outputs) {
            if (output != null) {
                created.add(output);
            }
        }
        Vectors.closeAll(created);
    }
}
