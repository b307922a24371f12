package io.tarn.executor.operator.window;

import io.tarn.executor.plan.SortKey;
import io.tarn.executor.plan.WindowFrame;
import io.tarn.executor.plan.WindowFrame.Bound;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampVector;

import java.util.List;

/**
 * The frame of every sorted position as {@code [start, end)} positions of the sorted order (empty when start >= end).
 * ROWS counts positions; RANGE compares the single order key, CURRENT ROW meaning the row's peers. RANGE offsets on
 * DATE / TIMESTAMP keys are day-time intervals in milliseconds.
 */
final class FrameBounds {
    private static final long MILLIS_PER_DAY = 86_400_000L;

    final int[] start;
    final int[] end;

    FrameBounds(WindowFrame frame, SortedPartitions sorted, List<SortKey> orderKeys, List<FieldVector> columns) {
        int count = sorted.size();
        start = new int[count];
        end = new int[count];
        RangeKey key = !frame.rows() && needsKeyValues(frame) ? new RangeKey(sorted, orderKeys, columns) : null;
        for (int i = 0; i < count; i++) {
            start[i] = frame.rows() ? rowsLower(frame.lower(), sorted, i) : rangeBound(frame.lower(), true, sorted, key, i);
            end[i] = frame.rows() ? rowsUpper(frame.upper(), sorted, i) : rangeBound(frame.upper(), false, sorted, key, i);
        }
    }

    private static boolean needsKeyValues(WindowFrame frame) {
        return frame.lower().offset() != null || frame.upper().offset() != null;
    }

    private static int rowsLower(Bound bound, SortedPartitions sorted, int i) {
        int first = sorted.partitionStart[i];
        int last = sorted.partitionEnd[i];
        return switch (bound.kind()) {
            case UNBOUNDED_PRECEDING -> first;
            case PRECEDING -> (int) Math.max(first, i - offset(bound));
            case CURRENT_ROW -> i;
            case FOLLOWING -> (int) Math.min(last, i + offset(bound));
            case UNBOUNDED_FOLLOWING -> last;
        };
    }

    private static int rowsUpper(Bound bound, SortedPartitions sorted, int i) {
        int first = sorted.partitionStart[i];
        int last = sorted.partitionEnd[i];
        return switch (bound.kind()) {
            case UNBOUNDED_PRECEDING -> first;
            case PRECEDING -> (int) Math.max(first, i - offset(bound) + 1);
            case CURRENT_ROW -> i + 1;
            case FOLLOWING -> (int) Math.min(last, i + offset(bound) + 1);
            case UNBOUNDED_FOLLOWING -> last;
        };
    }

    private static long offset(Bound bound) {
        return ((Number) bound.offset()).longValue();
    }

    private static int rangeBound(Bound bound, boolean lower, SortedPartitions sorted, RangeKey key, int i) {
        return switch (bound.kind()) {
            case UNBOUNDED_PRECEDING -> sorted.partitionStart[i];
            case UNBOUNDED_FOLLOWING -> sorted.partitionEnd[i];
            case CURRENT_ROW -> lower ? sorted.peerStart[i] : sorted.peerEnd[i];
            case PRECEDING, FOLLOWING -> key.bound(bound, lower, i);
        };
    }

    /** Order key values as doubles, ascending in sort direction, for RANGE offsets found by binary search. */
    private static final class RangeKey {
        private final SortedPartitions sorted;
        private final FieldVector column;
        private final double direction;
        private final double offsetScale;

        RangeKey(SortedPartitions sorted, List<SortKey> orderKeys, List<FieldVector> columns) {
            if (orderKeys.size() != 1) {
                throw new IllegalArgumentException("a RANGE frame with an offset needs exactly one order key");
            }
            this.sorted = sorted;
            this.column = columns.get(orderKeys.get(0).column());
            this.direction = orderKeys.get(0).descending() ? -1 : 1;
            this.offsetScale = column instanceof DateDayVector ? 1.0 / MILLIS_PER_DAY
                    : column instanceof TimeStampVector ? 1000 : 1;
        }

        private double value(int position) {
            int row = sorted.rows[position];
            double raw;
            if (column instanceof Float8Vector v) {
                raw = v.get(row);
            } else if (column instanceof Float4Vector v) {
                raw = v.get(row);
            } else if (column instanceof DecimalVector v) {
                raw = v.getObject(row).doubleValue();
            } else {
                raw = ((Number) column.getObject(row)).doubleValue();
            }
            return direction * raw;
        }

        int bound(Bound bound, boolean lower, int i) {
            if (column.isNull(sorted.rows[i])) {
                return lower ? sorted.peerStart[i] : sorted.peerEnd[i];
            }
            double offset = ((Number) bound.offset()).doubleValue() * offsetScale;
            double target = value(i) + (bound.kind() == WindowFrame.BoundKind.PRECEDING ? -offset : offset);
            int from = sorted.partitionStart[i];
            int to = sorted.partitionEnd[i];
            // only the non-null keys are ordered by value; NULL peers sit at one end of the partition
            if (column.isNull(sorted.rows[from])) {
                from = sorted.peerEnd[from];
            }
            if (column.isNull(sorted.rows[to - 1])) {
                to = sorted.peerStart[to - 1];
            }
            // lower: first position with value >= target; upper: first position with value > target
            int low = from;
            int high = to;
            while (low < high) {
                int middle = (low + high) >>> 1;
                double value = value(middle);
                if (lower ? value < target : value <= target) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            return low;
        }
    }
}
