package io.tarn.jdbc;

import io.tarn.catalog.type.Batch;
import io.tarn.planner.engine.StatementResult;
import org.apache.calcite.avatica.Meta;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TimeZone;

/**
 * Reads a query's batches lazily and hands them out as Avatica frames; stops after {@code maxRows} rows (JDBC
 * {@code setMaxRows}) and closes the query as soon as it is exhausted, so its memory is freed early.
 */
final class ResultCursor implements AutoCloseable {

    /** Rows per frame when the client does not say (fetch size 0). */
    static final int DEFAULT_FRAME_ROWS = 1000;

    private final StatementResult.Query query;
    private final FrameValues frameValues;
    private long remainingRows;
    private Batch current;
    private int position;
    private boolean closed;

    /** {@code maxRows} of 0 or less means no limit. */
    ResultCursor(StatementResult.Query query, long maxRows, TimeZone timeZone) {
        this.query = Objects.requireNonNull(query, "query is null");
        this.frameValues = new FrameValues(query.schema(), timeZone);
        this.remainingRows = maxRows > 0 ? maxRows : Long.MAX_VALUE;
    }

    /** The next frame of at most {@code maxFrameRows} rows (a default when not positive), starting at {@code offset}. */
    Meta.Frame nextFrame(long offset, int maxFrameRows) {
        int limit = maxFrameRows > 0 ? maxFrameRows : DEFAULT_FRAME_ROWS;
        List<Object> rows = new ArrayList<>(Math.min(limit, DEFAULT_FRAME_ROWS));
        while (rows.size() < limit && !closed) {
            if (remainingRows == 0 || !advanceToRows()) {
                close();
                break;
            }
            int take = (int) Math.min(Math.min(limit - rows.size(), current.rowCount() - position), remainingRows);
            frameValues.appendRows(current, position, position + take, rows);
            position += take;
            remainingRows -= take;
        }
        if (remainingRows == 0) {
            close();
        }
        return new Meta.Frame(offset, closed, rows);
    }

    /** Makes {@code current} a batch with unread rows; false at the end of the query. */
    private boolean advanceToRows() {
        while (current == null || position == current.rowCount()) {
            closeCurrent();
            current = query.rows().next();
            position = 0;
            if (current == null) {
                return false;
            }
        }
        return true;
    }

    private void closeCurrent() {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            closeCurrent();
        } finally {
            query.close();
        }
    }
}
