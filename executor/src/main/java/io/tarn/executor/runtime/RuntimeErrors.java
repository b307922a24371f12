package io.tarn.executor.runtime;

import io.tarn.executor.ExecutionException;
import io.tarn.executor.memory.MemoryErrors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;

/** Turns failures that are not yet Tarn errors into ones with a SQLState the client understands. */
final class RuntimeErrors {
    private RuntimeErrors() {
    }

    static RuntimeException translate(Throwable error, BufferAllocator allocator) {
        if (error instanceof OutOfMemoryException outOfMemory) {
            return MemoryErrors.exceeded(outOfMemory, allocator);
        }
        if (error instanceof RuntimeException runtime) {
            return runtime;
        }
        return new ExecutionException(ExecutionException.INTERNAL_ERROR, "query failed: " + error, error);
    }
}
