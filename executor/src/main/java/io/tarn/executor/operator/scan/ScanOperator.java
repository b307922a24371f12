package io.tarn.executor.operator.scan;

import io.tarn.catalog.spi.BatchReader;
import io.tarn.catalog.spi.ScanRequest;
import io.tarn.catalog.spi.ScanTask;
import io.tarn.catalog.spi.Table;
import io.tarn.catalog.type.Batch;
import io.tarn.executor.ExecutionContext;
import io.tarn.executor.expression.Expression;
import io.tarn.executor.memory.MemoryErrors;
import io.tarn.executor.operator.Operator;
import io.tarn.executor.operator.filter.BatchFilter;
import org.apache.arrow.memory.OutOfMemoryException;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Reads tasks from its scan's queue (shared with the scan's other instances) one after another and keeps the rows
 * that satisfy the scan's filter.
 */
public final class ScanOperator implements Operator {
    private final Table table;
    private final ScanRequest request;
    private final ScanTaskQueue tasks;
    private final BatchFilter filter;
    private final ExecutionContext context;
    private BatchReader reader;

    public ScanOperator(Table table, ScanRequest request, ScanTaskQueue tasks, Optional<Expression> filter,
                        ExecutionContext context) {
        this.table = requireNonNull(table, "table is null");
        this.request = requireNonNull(request, "request is null");
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.context = requireNonNull(context, "context is null");
        this.filter = requireNonNull(filter, "filter is null").map(f -> new BatchFilter(f, context.timeZone())).orElse(null);
    }

    @Override
    public Batch next() {
        try {
            while (true) {
                context.checkCancelled();
                if (reader == null) {
                    ScanTask task = tasks.poll();
                    if (task == null) {
                        return null;
                    }
                    reader = table.openReader(task, request, context.allocator());
                }
                Batch batch = reader.next();
                if (batch == null) {
                    closeReader();
                } else if (batch.rowCount() == 0) {
                    batch.close();
                } else if (filter == null) {
                    return batch;
                } else {
                    Batch survivors = filter.apply(batch, context.allocator());
                    if (survivors != null) {
                        return survivors;
                    }
                }
            }
        } catch (OutOfMemoryException e) {
            throw MemoryErrors.exceeded(e, context.allocator());
        }
    }

    @Override
    public void close() {
        tasks.drain();
        closeReader();
    }

    private void closeReader() {
        if (reader != null) {
            BatchReader closing = reader;
            reader = null;
            closing.close();
        }
    }
}
