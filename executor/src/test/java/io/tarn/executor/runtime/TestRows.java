package io.tarn.executor.runtime;

import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.Column;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.catalog.type.Values;
import io.tarn.executor.operator.Operator;
import io.tarn.executor.vector.Vectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/** Test helpers: rows as {@code List<List<Object>>} in canonical form, turned into batches and back. */
public final class TestRows {
    private TestRows() {
    }

    public static RowSchema schema(DataType... types) {
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            columns.add(new Column("c" + i, types[i]));
        }
        return new RowSchema(columns);
    }

    public static RowSchema concat(RowSchema left, RowSchema right) {
        List<Column> columns = new ArrayList<>(left.columns());
        columns.addAll(right.columns());
        return new RowSchema(columns);
    }

    public static Batch batch(RowSchema schema, List<List<Object>> rows, BufferAllocator allocator) {
        List<FieldVector> vectors = Vectors.create(schema, allocator);
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < vectors.size(); c++) {
                Values.set(vectors.get(c), r, rows.get(r).get(c));
            }
        }
        for (FieldVector vector : vectors) {
            vector.setValueCount(rows.size());
        }
        return new Batch(vectors, rows.size());
    }

    /** An operator returning {@code rows} cut into batches of the given sizes (cycled), never an empty batch. */
    public static Operator source(RowSchema schema, List<List<Object>> rows, BufferAllocator allocator, int... batchSizes) {
        List<List<List<Object>>> chunks = new ArrayList<>();
        int position = 0;
        int sizeIndex = 0;
        while (position < rows.size()) {
            int size = Math.min(batchSizes[sizeIndex++ % batchSizes.length], rows.size() - position);
            chunks.add(rows.subList(position, position + size));
            position += size;
        }
        return new ListSource(schema, chunks, allocator);
    }

    /** Every row of every batch of {@code operator}, which is then closed. */
    public static List<List<Object>> drain(Operator operator) {
        return drain(operator, Integer.MAX_VALUE);
    }

    /** As {@link #drain(Operator)}, also checking that no batch has more than {@code maxBatchRows} rows. */
    public static List<List<Object>> drain(Operator operator, int maxBatchRows) {
        List<List<Object>> rows = new ArrayList<>();
        try (operator) {
            Batch next;
            while ((next = operator.next()) != null) {
                try (Batch batch = next) {
                    if (batch.rowCount() == 0 || batch.rowCount() > maxBatchRows) {
                        throw new AssertionError("operator returned a batch of " + batch.rowCount() + " rows");
                    }
                    rows.addAll(rowsOf(batch));
                }
            }
        }
        return rows;
    }

    public static List<List<Object>> rowsOf(Batch batch) {
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < batch.rowCount(); r++) {
            List<Object> row = new ArrayList<>();
            for (FieldVector vector : batch.columns()) {
                row.add(Values.get(vector, r));
            }
            rows.add(row);
        }
        return rows;
    }

    /** The rows in a canonical order, to compare multisets of rows. */
    public static List<String> sorted(List<List<Object>> rows) {
        List<String> keys = new ArrayList<>();
        for (List<Object> row : rows) {
            keys.add(row.stream().map(v -> v instanceof byte[] b ? Arrays.toString(b) : String.valueOf(v)).toList().toString());
        }
        keys.sort(Comparator.naturalOrder());
        return keys;
    }

    /** A random value from a small domain (so keys repeat), NULL with the given probability. */
    public static Object randomLong(Random random, int domain, double nullProbability) {
        return random.nextDouble() < nullProbability ? null : (long) random.nextInt(domain);
    }

    public static Object randomString(Random random, int domain, double nullProbability) {
        return random.nextDouble() < nullProbability ? null : "s" + random.nextInt(domain);
    }

    private static final class ListSource implements Operator {
        private final RowSchema schema;
        private final Deque<List<List<Object>>> chunks;
        private final BufferAllocator allocator;

        ListSource(RowSchema schema, List<List<List<Object>>> chunks, BufferAllocator allocator) {
            this.schema = schema;
            this.chunks = new ArrayDeque<>(chunks);
            this.allocator = allocator;
        }

        @Override
        public Batch next() {
            List<List<Object>> chunk = chunks.poll();
            return chunk == null ? null : batch(schema, chunk, allocator);
        }

        @Override
        public void close() {
            chunks.clear();
        }
    }
}
