package io.tarn.catalog.spi;

import io.tarn.catalog.type.Batch;

/**
 * An append transaction: batches written are invisible until {@link #commit()}; closing without commit discards them
 * (files written are deleted) and leaves the table exactly as it was. Batches are not closed by write.
 */
public interface TableAppend extends AutoCloseable {
    void write(Batch batch);

    /** Atomically publishes everything written; returns the number of rows added. */
    long commit();

    @Override
    void close();
}
