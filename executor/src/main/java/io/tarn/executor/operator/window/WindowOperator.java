package io.tarn.executor.operator.window;

import io.tarn.catalog.type.Batch;
import io.tarn.executor.ExecutionContext;
import io.tarn.executor.operator.Operator;
import io.tarn.executor.plan.PhysicalWindow;
import io.tarn.executor.plan.WindowFunction;
import io.tarn.executor.plan.WindowGroup;
import io.tarn.executor.vector.BatchBuilder;
import io.tarn.executor.vector.VectorCopier;
import io.tarn.executor.vector.Vectors;
import org.apache.arrow.vector.FieldVector;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Window functions of {@link PhysicalWindow}: materializes the input into one batch, sorts row indexes once per window
 * group (partition keys, then order keys), computes every function per partition, and emits the input rows in their
 * arrival order with one appended column per function.
 */
public final class WindowOperator implements Operator {
    private final PhysicalWindow plan;
    private final Operator input;
    private final ExecutionContext context;
    private Batch rows;
    private final List<WindowValues> results = new ArrayList<>();
    private int emitted;

    public WindowOperator(PhysicalWindow plan, Operator input, ExecutionContext context) {
        this.plan = Objects.requireNonNull(plan, "plan is null");
        this.input = Objects.requireNonNull(input, "input is null");
        this.context = Objects.requireNonNull(context, "context is null");
    }

    @Override
    public Batch next() {
        if (rows == null) {
            materialize();
            for (WindowGroup group : plan.groups()) {
                context.checkCancelled();
                evaluate(group);
            }
        }
        context.checkCancelled();
        if (emitted == rows.rowCount()) {
            return null;
        }
        int count = Math.min(Math.max(1, context.batchSize()), rows.rowCount() - emitted);
        Batch batch = emit(emitted, count);
        emitted += count;
        return batch;
    }

    private void materialize() {
        try (BatchBuilder builder = new BatchBuilder(plan.input().schema(), context.allocator())) {
            Batch batch;
            while ((batch = input.next()) != null) {
                try (Batch current = batch) {
                    context.checkCancelled();
                    builder.appendRange(current, 0, current.rowCount());
                }
            }
            rows = builder.build();
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
        } finally {
            input.close();
        }
    }

    @Override
    public String toString() {
        return plan.toString();
    }
}
