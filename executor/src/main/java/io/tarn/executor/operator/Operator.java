package io.tarn.executor.operator;

import io.tarn.catalog.type.Batch;

/**
 * A pull-based vectorized operator instance. Does no work before the first {@link #next()}. Each returned batch is
 * non-empty and owned by the caller, who must close it. {@link #close()} releases everything the operator holds,
 * including its inputs, and may be called at any time (cancellation, errors), exactly once.
 */
public interface Operator extends AutoCloseable {

    /** The next batch, or null when there are no more rows. */
    Batch next();

    @Override
    void close();
}
