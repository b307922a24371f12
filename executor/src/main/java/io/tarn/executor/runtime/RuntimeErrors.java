package io.tarn.executor.runtime;

import io.tarn.executor.ExecutionException;
import org.apache.arrow.memory.OutOfMemoryException;

/** Turns failures that are not yet Tarn errors into ones with a SQLState the client understands. */
final class RuntimeErrors {
    private RuntimeErrors() {
    }

    static RuntimeException translate(Throwable error) {
        if (error instanceof OutOfMemoryException) {
            return new ExecutionException(ExecutionException.OUT_OF_MEMORY,
                    "query exceeded its memory budget: " + error.getMessage(), error);
        }
        if (error instanceof RuntimeException runtime) {
            return runtime;
        }
        return new ExecutionException(ExecutionException.INTERNAL_ERROR, "query failed: " + error, error);
    }
}
