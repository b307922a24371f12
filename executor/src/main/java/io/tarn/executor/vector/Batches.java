package io.tarn.executor.vector;

import io.tarn.catalog.type.Batch;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.util.TransferPair;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** Whole-batch helpers: slicing and transferring without copying values where Arrow allows. */
public final class Batches {
    private Batches() {
    }

    /** A new batch with rows {@code [from, from + count)} of {@code batch}; the input stays owned by the caller. */
    public static Batch slice(Batch batch, int from, int count, BufferAllocator allocator) {
        requireNonNull(batch, "batch is null");
        List<FieldVector> slices = new ArrayList<>(batch.columnCount());
        try {
            for (FieldVector vector : batch.columns()) {
                TransferPair pair = vector.getTransferPair(allocator);
                pair.splitAndTransfer(from, count);
                slices.add((FieldVector) pair.getTo());
            }
        } catch (RuntimeException e) {
            Vectors.closeAll(slices);
            throw e;
        }
        return new Batch(slices, count);
    }

    /** Moves the buffers of {@code vector} into a new vector named {@code name} (no value copy); {@code vector} is left empty. */
    public static FieldVector transfer(FieldVector vector, String name, BufferAllocator allocator) {
        Field field = vector.getField();
        TransferPair pair = vector.getTransferPair(new Field(name, field.getFieldType(), field.getChildren()), allocator);
        pair.transfer();
        return (FieldVector) pair.getTo();
    }
}
