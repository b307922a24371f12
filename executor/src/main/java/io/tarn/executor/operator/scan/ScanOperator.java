package io.tarn.executor.operator.scan;

import io.tarn.catalog.spi.BatchReader;
import io.tarn.catalog.spi.ScanPlan;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Reads its scan tasks one after another and keeps the rows that satisfy the scan's filter. */
public final class ScanOperator implements Operator {
    private final Table table;
    private final ScanRequest request;
    private final List<ScanTask> tasks;
    private final BatchFilter filter;
    private final ExecutionContext context;
    private int nextTask;
    private BatchReader reader;

    public ScanOperator(Table table, ScanRequest request, List<ScanTask> tasks, Optional<Expression> filter,
                        ExecutionContext context) {
        this.table = requireNonNull(table, "table is null");
        this.request = requireNonNull(request, "request is null");
        this.tasks = List.copyOf(requireNonNull(tasks, "tasks is null"));
        this.context = requireNonNull(context, "context is null");
        this.filter = requireNonNull(filter, "filter is null").map(f -> new BatchFilter(f, context.timeZone())).orElse(null);
    }

    /** The tasks instance {@code instance} of {@code instanceCount} reads: tasks instance, instance + n, ... */
    public static List<ScanTask> tasksForInstance(ScanPlan plan, int instance, int instanceCount) {
        List<ScanTask> tasks = new ArrayList<>();
        for (int i = instance; i < plan.tasks().size(); i += instanceCount) {
            tasks.add(plan.tasks().get(i));
        }
        return tasks;
    }

    @Override
    public Batch next() {
        try {
            while (true) {
                context.checkCancelled();
                if (reader == null) {
                    if (nextTask >= tasks.size()) {
                        return null;
                    }
                    reader = table.openReader(tasks.get(nextTask++), request, context.allocator());
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
        nextTask = tasks.size();
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
