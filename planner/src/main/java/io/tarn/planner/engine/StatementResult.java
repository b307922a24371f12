package io.tarn.planner.engine;

import io.tarn.catalog.type.RowSchema;
import io.tarn.executor.operator.Operator;

/** What executing one statement gives: rows to read, or an update count with a message. */
public sealed interface StatementResult extends AutoCloseable {

    /** Rows: read batches from {@code rows} until it returns null; close the result to stop early and free memory. */
    record Query(RowSchema schema, Operator rows, Runnable onClose) implements StatementResult {
        @Override
        public void close() {
            try {
                rows.close();
            } finally {
                onClose.run();
            }
        }
    }

    /** DDL or DML: {@code count} rows affected (-1 when not applicable) and a message for the shell. */
    record Update(long count, String message) implements StatementResult {
        @Override
        public void close() {
        }
    }

    @Override
    void close();
}
