package io.tarn.executor.vector;

import io.tarn.catalog.type.ArrowTypes;
import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.Column;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** Creates empty, allocated Arrow vectors for Tarn types. */
public final class Vectors {
    private Vectors() {
    }

    /** One new allocated, empty vector of {@code type}. */
    public static FieldVector create(String name, DataType type, BufferAllocator allocator) {
        return create(ArrowTypes.field(requireNonNull(name, "name is null"), requireNonNull(type, "type is null")), allocator);
    }

    /** One new allocated, empty vector for {@code field}, with Arrow's default capacity, for vectors that grow. */
    public static FieldVector create(Field field, BufferAllocator allocator) {
        return create(field, allocator, -1);
    }

    /**
     * One new allocated, empty vector for {@code field} sized for {@code capacity} values (the default when
     * negative). Sizing matters for retained batches: the default holds about 4,000 values, so a join that emits
     * a few hundred rows per batch into a hash table's build side held ten times the memory its rows need.
     */
    public static FieldVector create(Field field, BufferAllocator allocator, int capacity) {
        FieldVector vector = requireNonNull(field, "field is null").createVector(requireNonNull(allocator, "allocator is null"));
        try {
            if (capacity >= 0) {
                vector.setInitialCapacity(Math.max(capacity, 1));
            }
            vector.allocateNew();
        } catch (RuntimeException e) {
            vector.close();
            throw e;
        }
        return vector;
    }

    /** One new allocated, empty vector per column of {@code schema}; on failure nothing stays allocated. */
    public static List<FieldVector> create(RowSchema schema, BufferAllocator allocator) {
        List<Field> fields = new ArrayList<>(schema.size());
        for (Column column : schema.columns()) {
            fields.add(ArrowTypes.field(column.name(), column.type()));
        }
        return create(fields, allocator);
    }

    /** One new allocated, empty vector per field; on failure nothing stays allocated. */
    public static List<FieldVector> create(List<Field> fields, BufferAllocator allocator) {
        return create(fields, allocator, -1);
    }

    /** One new allocated, empty vector per field sized for {@code capacity} values; on failure nothing stays allocated. */
    public static List<FieldVector> create(List<Field> fields, BufferAllocator allocator, int capacity) {
        List<FieldVector> vectors = new ArrayList<>(fields.size());
        try {
            for (Field field : fields) {
                vectors.add(create(field, allocator, capacity));
            }
        } catch (RuntimeException e) {
            closeAll(vectors);
            throw e;
        }
        return vectors;
    }

    /** The fields of a batch's vectors, e.g. to build more batches of the same shape. */
    public static List<Field> fields(Batch batch) {
        List<Field> fields = new ArrayList<>(batch.columnCount());
        for (FieldVector vector : batch.columns()) {
            fields.add(vector.getField());
        }
        return fields;
    }

    /** Closes every vector, even if one close fails. */
    public static void closeAll(List<? extends FieldVector> vectors) {
        RuntimeException failure = null;
        for (FieldVector vector : vectors) {
            try {
                vector.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
