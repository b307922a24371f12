package io.tarn.executor;

import org.apache.arrow.memory.BufferAllocator;

import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What one query's execution shares: its memory (a child allocator of the engine's, limited to the query's budget),
 * the parallelism of its fragments, the batch size, the session time zone and a cancellation flag.
 */
public final class ExecutionContext {
    private final BufferAllocator allocator;
    private final int parallelism;
    private final int batchSize;
    private final ZoneId timeZone;
    private final AtomicBoolean cancelled = new AtomicBoolean();

    public ExecutionContext(BufferAllocator allocator, int parallelism, int batchSize, ZoneId timeZone) {
        this.allocator = allocator;
        this.parallelism = parallelism;
        this.batchSize = batchSize;
        this.timeZone = timeZone;
    }

    public BufferAllocator allocator() {
        return allocator;
    }

    public int parallelism() {
        return parallelism;
    }

    public int batchSize() {
        return batchSize;
    }

    public ZoneId timeZone() {
        return timeZone;
    }

    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    /** Operators call this between batches so a cancelled query stops promptly. */
    public void checkCancelled() {
        if (cancelled.get()) {
            throw new ExecutionException(ExecutionException.QUERY_CANCELED, "query was cancelled");
        }
    }
}
