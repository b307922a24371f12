package io.tarn.catalog.spi;

import io.tarn.catalog.type.Batch;

/** Reads batches of one scan task; the caller owns each returned batch. */
public interface BatchReader extends AutoCloseable {
    /** The next non-empty batch, or null at the end. */
    Batch next();

    @Override
    void close();
}
