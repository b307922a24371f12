package io.tarn.executor.operator.window;

import io.tarn.catalog.type.Batch;
import io.tarn.executor.plan.WindowFunction;
import org.apache.arrow.vector.FieldVector;

/**
 * LAG / LEAD (a row at an offset within the partition, else the default) and FIRST_VALUE / LAST_VALUE / NTH_VALUE
 * (a row of the frame): results refer to rows of the value column.
 */
final class OffsetEvaluator {
    private OffsetEvaluator() {
    }

    static WindowValues evaluate(WindowFunction function, SortedPartitions sorted, FrameBounds frames, Batch batch) {
        int[] arguments = function.arguments();
        FieldVector value = batch.column(arguments[0]);
        boolean lagOrLead = function.kind() == WindowFunction.Kind.LAG || function.kind() == WindowFunction.Kind.LEAD;
        FieldVector defaults = lagOrLead && arguments.length > 2 ? batch.column(arguments[2]) : null;
        WindowValues values = WindowValues.sourceRows(sorted.size(), value, defaults);
        for (int i = 0; i < sorted.size(); i++) {
            int row = sorted.rows[i];
            int position = switch (function.kind()) {
                case LAG, LEAD -> shifted(function, sorted, batch, i);
                case FIRST_VALUE -> frames.start[i] < frames.end[i] ? frames.start[i] : -1;
                case LAST_VALUE -> frames.start[i] < frames.end[i] ? frames.end[i] - 1 : -1;
                case NTH_VALUE -> nth(frames, batch.column(arguments[1]), row, i);
                default -> throw new IllegalArgumentException("not a value function: " + function);
            };
            if (position >= 0) {
                values.setSourceRow(row, sorted.rows[position]);
            } else if (position == DEFAULT && defaults != null) {
                values.setDefault(row);
            } else {
                values.setNull(row);
            }
        }
        return values;
    }

    private static final int DEFAULT = -2;

    /** The sorted position LAG/LEAD reads, or DEFAULT when it falls outside the partition (or the offset is NULL). */
    private static int shifted(WindowFunction function, SortedPartitions sorted, Batch batch, int i) {
        long offset = 1;
        if (function.arguments().length > 1) {
            FieldVector offsets = batch.column(function.arguments()[1]);
            int row = sorted.rows[i];
            if (offsets.isNull(row)) {
                return -1;
            }
            offset = ((Number) offsets.getObject(row)).longValue();
        }
        long target = function.kind() == WindowFunction.Kind.LAG ? i - offset : i + offset;
        return target >= sorted.partitionStart[i] && target < sorted.partitionEnd[i] ? (int) target : DEFAULT;
    }

    private static int nth(FrameBounds frames, FieldVector n, int row, int i) {
        if (n.isNull(row)) {
            return -1;
        }
        long position = frames.start[i] + ((Number) n.getObject(row)).longValue() - 1;
        return position >= frames.start[i] && position < frames.end[i] ? (int) position : -1;
    }
}
