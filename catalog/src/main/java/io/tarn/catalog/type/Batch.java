package io.tarn.catalog.type;

import org.apache.arrow.vector.FieldVector;

import java.util.List;

/**
 * A batch of rows as Arrow column vectors, all with {@code rowCount} values.
 * Whoever holds a batch owns its vectors and must close it exactly once; passing a batch on passes ownership.
 */
public record Batch(List<FieldVector> columns, int rowCount) implements AutoCloseable {

    public Batch {
        columns = List.copyOf(columns);
    }

    public FieldVector column(int index) {
        return columns.get(index);
    }

    public int columnCount() {
        return columns.size();
    }

    @Override
    public void close() {
        for (FieldVector vector : columns) {
            vector.close();
        }
    }
}
