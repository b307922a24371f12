package io.tarn.executor.vector;

import io.tarn.catalog.type.ArrowTypes;
import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.RowSchema;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** Accumulates rows copied from other batches into growing vectors; {@link #build()} hands them out as one batch. */
public final class BatchBuilder implements AutoCloseable {
    private final List<Field> fields;
    private final BufferAllocator allocator;
    private List<FieldVector> vectors;
    private int rowCount;

    /** A builder producing batches of {@code schema}'s columns. */
    public BatchBuilder(RowSchema schema, BufferAllocator allocator) {
        this(ArrowTypes.schema(requireNonNull(schema, "schema is null")).getFields(), allocator);
    }

    /** A builder producing batches with these fields (e.g. {@link Vectors#fields(Batch)} of an input batch). */
    public BatchBuilder(List<Field> fields, BufferAllocator allocator) {
        this.fields = List.copyOf(requireNonNull(fields, "fields is null"));
        this.allocator = requireNonNull(allocator, "allocator is null");
    }

    /** Rows appended since the last build. */
    public int rowCount() {
        return rowCount;
    }

    /** Appends row {@code row} of {@code batch}. */
    public void append(Batch batch, int row) {
        List<FieldVector> targets = vectors();
        for (int c = 0; c < targets.size(); c++) {
            VectorCopier.appendRow(batch.column(c), row, targets.get(c), rowCount);
        }
        rowCount++;
    }

    /** Appends rows {@code [from, from + count)} of {@code batch}. */
    public void appendRange(Batch batch, int from, int count) {
        List<FieldVector> targets = vectors();
        for (int c = 0; c < targets.size(); c++) {
            VectorCopier.appendRange(batch.column(c), from, count, targets.get(c), rowCount);
        }
        rowCount += count;
    }

    /** Appends rows {@code selection[0..count)} of {@code batch}. */
    public void appendSelected(Batch batch, int[] selection, int count) {
        List<FieldVector> targets = vectors();
        for (int c = 0; c < targets.size(); c++) {
            VectorCopier.appendSelected(batch.column(c), selection, count, targets.get(c), rowCount);
        }
        rowCount += count;
    }

    /** The rows appended so far as a batch now owned by the caller (possibly empty); the builder starts over. */
    public Batch build() {
        List<FieldVector> built = vectors();
        for (FieldVector vector : built) {
            vector.setValueCount(rowCount);
        }
        Batch batch = new Batch(built, rowCount);
        vectors = null;
        rowCount = 0;
        return batch;
    }

    @Override
    public void close() {
        if (vectors != null) {
            Vectors.closeAll(vectors);
            vectors = null;
            rowCount = 0;
        }
    }

    private List<FieldVector> vectors() {
        if (vectors == null) {
            vectors = Vectors.create(fields, allocator);
        }
        return vectors;
    }
}
