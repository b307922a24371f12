package io.tarn.executor;

import io.tarn.executor.spill.SpillSpace;
import org.apache.arrow.memory.BufferAllocator;

import java.time.ZoneId;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What one query's execution shares: its memory (a child allocator of the engine's, limited to the query's budget),
 * the parallelism of its fragments, the batch size, the session time zone, a cancellation flag and its spill space
 * (where operators over their memory budget write to disk).
 */
public final class ExecutionContext {
    private final BufferAllocator allocator;
    private final int parallelism;
    private final int batchSize;
    private final ZoneId timeZone;
    private final SpillSpace spillSpace;
    private final AtomicBoolean cancelled = new AtomicBoolean();

    /** A context spilling under {@code java.io.tmpdir}, its operators' budgets taken from the allocator's limit. */
    public ExecutionContext(BufferAllocator allocator, int parallelism, int batchSize, ZoneId timeZone) {
        this(allocator, parallelism, batchSize, timeZone, new SpillSpace(null, allocator.getLimit()));
    }

    public ExecutionContext(BufferAllocator allocator, int parallelism, int batchSize, ZoneId timeZone,
                            SpillSpace spillSpace) {
        this.allocator = allocator;
        this.parallelism = parallelism;
        this.batchSize = batchSize;
        this.timeZone = timeZone;
        this.spillSpace = Objects.requireNonNull(spillSpace, "spillSpace is null");
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

    /** Where this query's operators spill; the query's runner closes it (deleting its files) when the query ends. */
    public SpillSpace spillSpace() {
        return spillSpace;
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
