package io.tarn.executor.operator.aggregate;

import io.tarn.executor.ExecutionException;
import org.apache.arrow.vector.FieldVector;

import java.math.BigDecimal;
import java.util.Arrays;

/** Exact sums of integer columns in longs; overflow is an error (SQLState 22003). */
final class LongSumState extends SumState {
    private long[] sums = new long[16];

    @Override
    void add(FieldVector column, int[] groupIds, int[] rows, int count) {
        NumericReaders.LongReader values = NumericReaders.longs(column);
        try {
            for (int i = 0; i < count; i++) {
                int row = rows[i];
                if (!column.isNull(row)) {
                    int group = groupIds[row];
                    sums[group] = Math.addExact(sums[group], values.get(row));
                    markPresent(group);
                }
            }
        } catch (ArithmeticException e) {
            throw new ExecutionException(ExecutionException.NUMERIC_OUT_OF_RANGE, "BIGINT out of range in SUM", e);
        }
    }

    @Override
    void grow(int capacity) {
        sums = Arrays.copyOf(sums, capacity);
    }

    long longValue(int group) {
        return sums[group];
    }

    @Override
    BigDecimal decimalValue(int group) {
        return BigDecimal.valueOf(sums[group]);
    }

    @Override
    double doubleValue(int group) {
        return sums[group];
    }

    @Override
    void write(int group, FieldVector target, int index) {
        if (hasValue(group)) {
            ResultWriters.writeLong(target, index, sums[group]);
        } else {
            ResultWriters.writeNull(target, index);
        }
    }
}
