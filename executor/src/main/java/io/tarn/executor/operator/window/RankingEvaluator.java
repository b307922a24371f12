package io.tarn.executor.operator.window;

import io.tarn.catalog.type.Batch;
import io.tarn.executor.plan.WindowFunction;
import org.apache.arrow.vector.FieldVector;

/** ROW_NUMBER, RANK, DENSE_RANK, PERCENT_RANK, CUME_DIST and NTILE: functions of positions, partitions and peers. */
final class RankingEvaluator {
    private RankingEvaluator() {
    }

    static WindowValues evaluate(WindowFunction function, SortedPartitions sorted, Batch batch) {
        int count = sorted.size();
        boolean fractional = function.kind() == WindowFunction.Kind.PERCENT_RANK || function.kind() == WindowFunction.Kind.CUME_DIST;
        WindowValues values = fractional ? WindowValues.doubles(count) : WindowValues.longs(count);
        int denseRank = 0;
        for (int i = 0; i < count; i++) {
            int row = sorted.rows[i];
            int first = sorted.partitionStart[i];
            long size = sorted.partitionEnd[i] - first;
            if (i == first) {
                denseRank = 0;
            }
            if (sorted.peerStart[i] == i) {
                denseRank++;
            }
            switch (function.kind()) {
                case ROW_NUMBER -> values.setLong(row, i - first + 1);
                case RANK -> values.setLong(row, sorted.peerStart[i] - first + 1);
                case DENSE_RANK -> values.setLong(row, denseRank);
                case PERCENT_RANK -> values.setDouble(row, size == 1 ? 0 : (double) (sorted.peerStart[i] - first) / (size - 1));
                case CUME_DIST -> values.setDouble(row, (double) (sorted.peerEnd[i] - first) / size);
                case NTILE -> ntile(values, batch.column(function.arguments()[0]), row, i - first, size);
                default -> throw new IllegalArgumentException("not a ranking function: " + function);
            }
        }
        return values;
    }

    /** Buckets of size/n rows, the first size%n buckets holding one more. */
    private static void ntile(WindowValues values, FieldVector buckets, int row, long position, long size) {
        if (buckets.isNull(row)) {
            values.setNull(row);
            return;
        }
        long n = ((Number) buckets.getObject(row)).longValue();
        if (n <= 0) {
            throw new io.tarn.executor.ExecutionException(io.tarn.executor.ExecutionException.DATA_EXCEPTION,
                    "argument of ntile must be greater than zero");
        }
        long small = size / n;
        long large = small + 1;
        long largeRows = (size % n) * large;
        long bucket = position < largeRows ? position / large : (size % n) + (position - largeRows) / Math.max(small, 1);
        values.setLong(row, bucket + 1);
    }
}
