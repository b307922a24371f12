package io.tarn.catalog;

import io.tarn.catalog.spi.BatchReader;
import io.tarn.catalog.type.ArrowTypes;
import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.Column;
import io.tarn.catalog.type.RowSchema;
import io.tarn.catalog.type.Values;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test helpers: rows as lists of canonical values, to and from Arrow batches. */
public final class Rows {
    private Rows() {
    }

    public static Batch batch(BufferAllocator allocator, RowSchema schema, List<List<Object>> rows) {
        List<FieldVector> vectors = new ArrayList<>();
        for (int c = 0; c < schema.size(); c++) {
            Column column = schema.column(c);
            FieldVector vector = ArrowTypes.field(column.name(), column.type()).createVector(allocator);
            vector.allocateNew();
            for (int r = 0; r < rows.size(); r++) {
                Values.set(vector, r, rows.get(r).get(c));
            }
            vector.setValueCount(rows.size());
            vectors.add(vector);
        }
        return new Batch(vectors, rows.size());
    }

    public static List<List<Object>> toRows(Batch batch) {
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < batch.rowCount(); r++) {
            List<Object> row = new ArrayList<>();
            for (int c = 0; c < batch.columnCount(); c++) {
                row.add(comparable(Values.get(batch.column(c), r)));
            }
            rows.add(row);
        }
        return rows;
    }

    /** Reads everything, closing the batches and the reader. */
    public static List<List<Object>> readAll(BatchReader reader) {
        List<List<Object>> rows = new ArrayList<>();
        try (reader) {
            Batch next;
            while ((next = reader.next()) != null) {
                try (Batch batch = next) {
                    rows.addAll(toRows(batch));
                }
            }
        }
        return rows;
    }

    /** byte[] compares by identity; a List of its bytes compares by content. */
    public static Object comparable(Object value) {
        if (value instanceof byte[] bytes) {
            List<Byte> list = new ArrayList<>();
            for (byte b : bytes) {
                list.add(b);
            }
            return list;
        }
        return value;
    }

    public static List<List<Object>> comparable(List<List<Object>> rows) {
        List<List<Object>> result = new ArrayList<>();
        for (List<Object> row : rows) {
            List<Object> converted = new ArrayList<>();
            for (Object value : row) {
                converted.add(comparable(value));
            }
            result.add(converted);
        }
        return result;
    }

    public static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }
}
