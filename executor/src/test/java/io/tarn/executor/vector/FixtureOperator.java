package io.tarn.executor.vector;

import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.RowSchema;
import io.tarn.executor.operator.Operator;
import org.apache.arrow.memory.BufferAllocator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** An operator over prepared batches that counts how often it was pulled and whether it was closed, for tests. */
public final class FixtureOperator implements Operator {
    private final Deque<Batch> batches = new ArrayDeque<>();
    private int pulls;
    private int closes;

    /** One batch per element of {@code batchesOfRows}. */
    public FixtureOperator(RowSchema schema, List<List<List<Object>>> batchesOfRows, BufferAllocator allocator) {
        for (List<List<Object>> rows : batchesOfRows) {
            batches.add(BatchFixtures.batch(schema, rows, allocator));
        }
    }

    @Override
    public Batch next() {
        pulls++;
        return batches.poll();
    }

    public int pulls() {
        return pulls;
    }

    public int closes() {
        return closes;
    }

    @Override
    public void close() {
        closes++;
        while (!batches.isEmpty()) {
            batches.poll().close();
        }
    }
}
