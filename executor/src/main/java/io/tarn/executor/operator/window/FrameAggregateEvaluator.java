package io.tarn.executor.operator.window;

import io.tarn.catalog.type.Batch;
import io.tarn.executor.plan.WindowFrame;
import io.tarn.executor.plan.WindowFunction;

/**
 * Evaluates an aggregate over each row's frame, reusing the previous frame's state when the new frame only grows
 * at one end: running frames (UNBOUNDED PRECEDING ..) are walked forwards and frames ending UNBOUNDED FOLLOWING
 * backwards, so both cost O(n); other sliding frames are recomputed per row in O(frame).
 */
final class FrameAggregateEvaluator {
    private FrameAggregateEvaluator() {
    }

    static WindowValues evaluate(WindowFunction function, WindowFrame frame, SortedPartitions sorted, FrameBounds frames,
                                 Batch batch) {
        if (function.distinct()) {
            throw new UnsupportedOperationException("DISTINCT window aggregates are not supported yet");
        }
        int[] arguments = function.arguments();
        FrameAggregate aggregate = new FrameAggregate(function.aggregate(),
                arguments.length == 0 ? null : batch.column(arguments[0]), function.type());
        WindowValues values = aggregate.newValues(sorted.size());
        boolean backwards = frame.upper().kind() == WindowFrame.BoundKind.UNBOUNDED_FOLLOWING
                && frame.lower().kind() != WindowFrame.BoundKind.UNBOUNDED_PRECEDING;
        int count = sorted.size();
        int currentStart = 0;
        int currentEnd = 0;
        for (int step = 0; step < count; step++) {
            int i = backwards ? count - 1 - step : step;
            int start = frames.start[i];
            int end = Math.max(start, frames.end[i]);
            if (start == currentStart && end >= currentEnd) {
                addRange(aggregate, sorted, currentEnd, end);
            } else if (end == currentEnd && start <= currentStart) {
                addRange(aggregate, sorted, start, currentStart);
            } else {
                aggregate.reset();
                addRange(aggregate, sorted, start, end);
            }
            currentStart = start;
            currentEnd = end;
            aggregate.store(values, sorted.rows[i]);
        }
        return values;
    }

    private static void addRange(FrameAggregate aggregate, SortedPartitions sorted, int from, int to) {
        for (int position = from; position < to; position++) {
            aggregate.add(sorted.rows[position]);
        }
    }
}
