package io.tarn.executor.vector;

import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.Column;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.catalog.type.Values;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

import java.util.ArrayList;
import java.util.List;

/** Builds batches from canonical Java rows and reads them back, for tests. */
public final class BatchFixtures {
    private BatchFixtures() {
    }

    /** A schema with columns c0, c1, ... of these types. */
    public static RowSchema schema(DataType... types) {
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            columns.add(new Column("c" + i, types[i]));
        }
        return new RowSchema(columns);
    }

    public static Batch batch(RowSchema schema, List<List<Object>> rows, BufferAllocator allocator) {
        List<FieldVector> vectors = Vectors.create(schema, allocator);
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < vectors.size(); c++) {
                Values.set(vectors.get(c), r, rows.get(r).get(c));
            }
        }
        vectors.forEach(v -> v.setValueCount(rows.size()));
        return new Batch(vectors, rows.size());
    }

    public static List<List<Object>> rows(Batch batch) {
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

    public static List<Object> values(FieldVector vector, int rowCount) {
        List<Object> values = new ArrayList<>();
        for (int r = 0; r < rowCount; r++) {
            values.add(Values.get(vector, r));
        }
        return values;
    }
}
