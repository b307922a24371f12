package io.tarn.executor.operator.values;

import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.RowSchema;
import io.tarn.catalog.type.Values;
import io.tarn.executor.ExecutionContext;
import io.tarn.executor.memory.MemoryErrors;
import io.tarn.executor.operator.Operator;
import io.tarn.executor.vector.Vectors;
import org.apache.arrow.vector.FieldVector;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** Emits literal rows (canonical Java values) in batches of the context's batch size. */
public final class ValuesOperator implements Operator {
    private final List<List<Object>> rows;
    private final RowSchema schema;
    private final ExecutionContext context;
    private int position;

    public ValuesOperator(List<List<Object>> rows, RowSchema schema, ExecutionContext context) {
        this.rows = requireNonNull(rows, "rows is null");
        this.schema = requireNonNull(schema, "schema is null");
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public Batch next() {
        context.checkCancelled();
        if (position >= rows.size()) {
            return null;
        }
        int count = Math.min(rows.size() - position, Math.max(context.batchSize(), 1));
        return MemoryErrors.guard(context.allocator(), () -> {
            List<FieldVector> vectors = Vectors.create(schema, context.allocator());
            try {
                for (int r = 0; r < count; r++) {
                    List<Object> row = rows.get(position + r);
                    for (int c = 0; c < vectors.size(); c++) {
                        Values.set(vectors.get(c), r, row.get(c));
                    }
                }
                for (FieldVector vector : vectors) {
                    vector.setValueCount(count);
                }
            } catch (RuntimeException e) {
                Vectors.closeAll(vectors);
                throw e;
            }
            position += count;
            return new Batch(vectors, count);
        });
    }

    @Override
    public void close() {
        position = rows.size();
    }
}
