package io.tarn.executor.memory;

import io.tarn.executor.ExecutionException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;

import java.util.function.Supplier;

/** The one place where Arrow's allocation failures become the user-facing "query exceeded its memory limit" error. */
public final class MemoryErrors {
    private MemoryErrors() {
    }

    /** The ExecutionException (SQLState 53200) reporting that the query's allocator ran out. */
    public static ExecutionException exceeded(OutOfMemoryException cause, BufferAllocator allocator) {
        return new ExecutionException(ExecutionException.OUT_OF_MEMORY,
                "query exceeded its memory limit of " + queryLimit(allocator) + " bytes", cause);
    }

    /** Runs {@code action}, translating an allocation failure into {@link #exceeded}. */
    public static <T> T guard(BufferAllocator allocator, Supplier<T> action) {
        try {
            return action.get();
        } catch (OutOfMemoryException e) {
            throw exceeded(e, allocator);
        }
    }

    private static long queryLimit(BufferAllocator allocator) {
        // the tightest limit on the way to the root is the one that was hit
        long limit = Long.MAX_VALUE;
        for (BufferAllocator a = allocator; a != null; a = a.getParentAllocator()) {
            limit = Math.min(limit, a.getLimit());
        }
        return limit;
    }
}
