package io.tarn.executor.spill;

import io.tarn.catalog.type.Batch;
import org.apache.arrow.vector.FieldVector;

import java.util.List;

/** Sizes operators add up to compare what they hold with their budget. */
public final class MemoryEstimates {
    private MemoryEstimates() {
    }

    /** The bytes of the batch's values (data, offsets and validity buffers). */
    public static long bytesOf(Batch batch) {
        return bytesOf(batch.columns());
    }

    /** The bytes of the vectors' values. */
    public static long bytesOf(List<FieldVector> vectors) {
        long bytes = 0;
        for (FieldVector vector : vectors) {
            bytes += vector.getBufferSize();
        }
        return bytes;
    }
}
