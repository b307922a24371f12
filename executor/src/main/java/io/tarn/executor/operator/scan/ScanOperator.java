package io.tarn.executor.operator.scan;

import io.tarn.catalog.spi.BatchReader;
import io.tarn.catalog.spi.ColumnConstraint;
import io.tarn.catalog.spi.RowFilter;
import io.tarn.catalog.spi.ScanRequest;
import io.tarn.catalog.spi.ScanTask;
import io.tarn.catalog.spi.Table;
import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.TypeKind;
import io.tarn.executor.ExecutionContext;
import io.tarn.executor.expression.Expression;
import io.tarn.executor.memory.MemoryErrors;
import io.tarn.executor.operator.Operator;
import io.tarn.executor.operator.join.JoinKeyFilter;
import org.apache.arrow.memory.OutOfMemoryException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Reads tasks from its scan's queue (shared with the scan's other instances) one after another and keeps the rows
 * that satisfy the scan's filter and can match the joins above it (runtime join filters), which the reader checks
 * before decoding the other columns. The joins' key ranges also narrow each task's request once they are known, so
 * the reader skips the row groups and pages outside them.
 */
public final class ScanOperator implements Operator {
    private final Table table;
    private final ScanRequest request;
    private final ScanTaskQueue tasks;
    private final Optional<RowFilter> filter;
    private final List<RuntimeKeyFilter> runtimeFilters;
    private final ExecutionContext context;
    private BatchReader reader;

    /** A join's key filter applied to the scan's output column {@code position} (integer-like). */
    public record RuntimeKeyFilter(int position, JoinKeyFilter filter) {
    }

    public ScanOperator(Table table, ScanRequest request, ScanTaskQueue tasks, Optional<Expression> filter,
                        ExecutionContext context) {
        this(table, request, tasks, filter, List.of(), context);
    }

    public ScanOperator(Table table, ScanRequest request, ScanTaskQueue tasks, Optional<Expression> filter,
                        List<RuntimeKeyFilter> runtimeFilters, ExecutionContext context) {
        this.table = requireNonNull(table, "table is null");
        this.runtimeFilters = List.copyOf(requireNonNull(runtimeFilters, "runtimeFilters is null"));
        this.request = requireNonNull(request, "request is null");
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.context = requireNonNull(context, "context is null");
        requireNonNull(filter, "filter is null");
        this.filter = filter.isEmpty() && runtimeFilters.isEmpty() ? Optional.empty()
                : Optional.of(new ScanRowFilter(filter, runtimeFilters, context.timeZone(), context.allocator()));
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
                    reader = table.openReader(task, withRuntimeRanges(), filter, context.allocator());
                }
                Batch batch = reader.next();
                if (batch == null) {
                    closeReader();
                } else if (batch.rowCount() == 0) {
                    batch.close();
                } else {
                    return batch;
                }
            }
        } catch (OutOfMemoryException e) {
            throw MemoryErrors.exceeded(e, context.allocator());
        }
    }

    /** The request narrowed by the runtime key ranges known by now (as constraints, which only prune). */
    private ScanRequest withRuntimeRanges() {
        List<ColumnConstraint> constraints = new ArrayList<>(request.constraints());
        for (RuntimeKeyFilter runtime : runtimeFilters) {
            JoinKeyFilter.Keys keys = runtime.filter().keys();
            if (keys != null) {
                int column = request.projection()[runtime.position()];
                DataType type = table.schema().column(column).type();
                constraints.add(new ColumnConstraint(column, ColumnConstraint.Op.GE, canonical(keys.min(), type)));
                constraints.add(new ColumnConstraint(column, ColumnConstraint.Op.LE, canonical(keys.max(), type)));
            }
        }
        return constraints.size() == request.constraints().size()
                ? request : request.withConstraints(constraints);
    }

    /** An integer-like value in the catalog's canonical form (see io.tarn.catalog.type.Values): DATE as int days. */
    private static Object canonical(long value, DataType type) {
        return type.kind() == TypeKind.DATE ? (Object) (int) value : (Object) value;
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
