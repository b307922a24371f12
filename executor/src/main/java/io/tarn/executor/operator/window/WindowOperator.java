package io.tarn.executor.operator.window;

import io.tarn.catalog.type.Batch;
import io.tarn.executor.ExecutionContext;
import io.tarn.executor.ExecutionException;
import io.tarn.executor.operator.Operator;
import io.tarn.executor.plan.PhysicalWindow;
import io.tarn.executor.plan.WindowFunction;
import io.tarn.executor.plan.WindowGroup;
import io.tarn.executor.spill.MemoryEstimates;
import io.tarn.executor.vector.BatchBuilder;
import io.tarn.executor.vector.VectorCopier;
import io.tarn.executor.vector.Vectors;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.FieldVector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Window functions of {@link PhysicalWindow}: materializes the input into one batch, sorts row indexes once per window
 * group (partition keys, then order keys), computes every function per partition, and emits the input rows in their
 * arrival order with one appended column per function. Input past the operator's memory budget is split on disk by
 * the partition keys all groups share ({@link SpilledWindowPartitions}) and evaluated one file at a time; without
 * shared partition keys every row belongs to one window partition, which must fit in memory.
 */
public final class WindowOperator implements Operator {
    /** Heap bytes per row and window group while evaluating: the sorted order and partition and peer bounds. */
    private static final int SORT_BYTES_PER_ROW = 5 * Integer.BYTES;
    /** Heap bytes per row and window function for its computed values, roughly. */
    private static final int VALUE_BYTES_PER_ROW = 16;

    private final PhysicalWindow plan;
    private final Operator input;
    private final ExecutionContext context;
    private Batch rows;
    private final List<WindowValues> results = new ArrayList<>();
    private int emitted;
    private SpilledWindowPartitions spilled;

    public WindowOperator(PhysicalWindow plan, Operator input, ExecutionContext context) {
        this.plan = Objects.requireNonNull(plan, "plan is null");
        this.input = Objects.requireNonNull(input, "input is null");
        this.context = Objects.requireNonNull(context, "context is null");
    }

    @Override
    public Batch next() {
        try {
            return nextBatch();
        } catch (OutOfMemoryException e) {
            throw new ExecutionException(ExecutionException.OUT_OF_MEMORY, "query exceeded its memory limit of "
                    + context.allocator().getLimit() + " bytes in window functions, which hold all rows of a window "
                    + "partition in memory" + (sharedPartitionKeys().length == 0 ? " (this window has no PARTITION BY)" : ""), e);
        }
    }

    private Batch nextBatch() {
        if (rows == null) {
            materialize();
            evaluateGroups();
        }
        context.checkCancelled();
        while (emitted == rows.rowCount()) {
            if (spilled == null || !loadNextSpilledPartitions()) {
                return null;
            }
        }
        int count = Math.min(Math.max(1, context.batchSize()), rows.rowCount() - emitted);
        Batch batch = emit(emitted, count);
        emitted += count;
        return batch;
    }

    private void materialize() {
        int[] sharedKeys = sharedPartitionKeys();
        long bytes = 0;
        try (BatchBuilder builder = new BatchBuilder(plan.input().schema(), context.allocator())) {
            Batch batch;
            while ((batch = input.next()) != null) {
                try (Batch current = batch) {
                    context.checkCancelled();
                    if (spilled != null) {
                        spilled.add(current);
                        continue;
                    }
                    builder.appendRange(current, 0, current.rowCount());
                    bytes += MemoryEstimates.bytesOf(current);
                }
                if (sharedKeys.length > 0 && heldBytes(bytes, builder.rowCount()) > context.spillSpace().operatorBudget()) {
                    spilled = new SpilledWindowPartitions(context, plan.input().schema(), sharedKeys, heapBytesPerRow());
                    try (Batch buffered = builder.build()) {
                        spilled.add(buffered);
                    }
                }
            }
            if (spilled == null) {
                rows = builder.build();
                return;
            }
        }
        spilled.finish();
        rows = spilled.next();
    }

    /** What the buffered rows take: their vectors grow by doubling, plus the evaluation's arrays. */
    private long heldBytes(long valueBytes, int rowCount) {
        return 2 * valueBytes + (long) heapBytesPerRow() * rowCount;
    }

    private int heapBytesPerRow() {
        int functions = plan.groups().stream().mapToInt(group -> group.functions().size()).sum();
        return SORT_BYTES_PER_ROW * plan.groups().size() + VALUE_BYTES_PER_ROW * functions;
    }

    /** The partition keys of every window group: rows that differ in them never share a window partition. */
    private int[] sharedPartitionKeys() {
        return Arrays.stream(plan.groups().get(0).partitionKeys())
                .filter(key -> plan.groups().stream().allMatch(group -> Arrays.stream(group.partitionKeys()).anyMatch(k -> k == key)))
                .toArray();
    }

    /** Moves on to the next spilled file's rows; false when every file was emitted. */
    private boolean loadNextSpilledPartitions() {
        Batch next = spilled.next();
        if (next == null) {
            return false;
        }
        rows.close();
        rows = next;
        results.clear();
        emitted = 0;
        evaluateGroups();
        return true;
    }

    private void evaluateGroups() {
        for (WindowGroup group : plan.groups()) {
            context.checkCancelled();
            evaluate(group);
        }
    }

    private void evaluate(WindowGroup group) {
        SortedPartitions sorted = new SortedPartitions(rows, group.partitionKeys(), group.orderKeys());
        FrameBounds frames = null;
        for (WindowFunction function : group.functions()) {
            switch (function.kind()) {
                case ROW_NUMBER, RANK, DENSE_RANK, PERCENT_RANK, CUME_DIST, NTILE ->
                        results.add(RankingEvaluator.evaluate(function, sorted, rows));
                case LAG, LEAD -> results.add(OffsetEvaluator.evaluate(function, sorted, null, rows));
                default -> {
                    if (frames == null) {
                        frames = new FrameBounds(group.frame(), sorted, group.orderKeys(), rows.columns());
                    }
                    results.add(function.kind() == WindowFunction.Kind.AGGREGATE
                            ? FrameAggregateEvaluator.evaluate(function, group.frame(), sorted, frames, rows)
                            : OffsetEvaluator.evaluate(function, sorted, frames, rows));
                }
            }
        }
    }

    private Batch emit(int from, int count) {
        List<FieldVector> vectors = Vectors.create(plan.schema(), context.allocator());
        try {
            int inputColumns = rows.columnCount();
            for (int c = 0; c < inputColumns; c++) {
                VectorCopier.appendRange(rows.column(c), from, count, vectors.get(c), 0);
            }
            for (int f = 0; f < results.size(); f++) {
                results.get(f).write(from, count, vectors.get(inputColumns + f));
            }
            for (FieldVector vector : vectors) {
                vector.setValueCount(count);
            }
        } catch (RuntimeException | Error e) {
            Vectors.closeAll(vectors);
            throw e;
        }
        return new Batch(vectors, count);
    }

    @Override
    public void close() {
        try {
            if (rows != null) {
                rows.close();
            }
            if (spilled != null) {
                spilled.close();
            }
        } finally {
            input.close();
        }
    }

    @Override
    public String toString() {
        return plan.toString();
    }
}
