package io.tarn.executor.operator.aggregate;

import io.tarn.executor.expression.runtime.Int128;
import io.tarn.executor.vector.DirectAccess;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Exact sums of DECIMAL columns as 128-bit integers (two longs per group), added straight from the vectors' 128-bit
 * slots without allocating; a group whose sum leaves the 128-bit range (which needs addends near the DECIMAL(38)
 * limit) continues in a BigInteger. Inputs must all have the column's scale.
 */
final class DecimalSumState extends SumState {
    private final int scale;
    /**
     * Group g's sum: low 64 bits at 2g, high at 2g + 1. Side by side, a group's update touches one cache line, which
     * matters when the groups outgrow the caches.
     */
    private long[] sums = new long[2 * 16];
    /** Sums past 128 bits, by group; null until one is. */
    private BigInteger[] wideSums;

    DecimalSumState(int scale) {
        this.scale = scale;
    }

    @Override
    void add(FieldVector column, int[] groupIds, int[] rows, int count) {
        DecimalVector decimals = (DecimalVector) column;
        // the rows lie within the vector's values, checked once so the loop reads by address (see DirectAccess)
        long address = DirectAccess.inputData(decimals, decimals.getValueCount());
        // counting nulls once per batch is cheaper than reading a validity bit per row (q1's sums have no NULLs)
        boolean nullable = decimals.getNullCount() > 0;
        for (int i = 0; i < count; i++) {
            int row = rows[i];
            if (nullable && decimals.isNull(row)) {
                continue;
            }
            int group = groupIds[row];
            markPresent(group);
            long value = address + (long) row * DecimalVector.TYPE_WIDTH;
            long low = MemoryUtil.getLong(value);
            long high = MemoryUtil.getLong(value + Long.BYTES);
            long oldHigh = sums[2 * group + 1];
            long sumLow = sums[2 * group] + low;
            long sumHigh = oldHigh + high + (Long.compareUnsigned(sumLow, low) < 0 ? 1 : 0);
            // overflow iff both operands have the sign opposite to the result's
            if (((oldHigh ^ sumHigh) & (high ^ sumHigh)) < 0 || wideSums != null && wideSums[group] != null) {
                addWide(group, Int128.toBigInteger(high, low));
            } else {
                sums[2 * group] = sumLow;
                sums[2 * group + 1] = sumHigh;
            }
        }
    }

    private void addWide(int group, BigInteger value) {
        if (wideSums == null) {
            wideSums = new BigInteger[sums.length / 2];
        }
        BigInteger current = wideSums[group] == null ? Int128.toBigInteger(high(group), low(group)) : wideSums[group];
        wideSums[group] = current.add(value);
    }

    private long low(int group) {
        return sums[2 * group];
    }

    private long high(int group) {
        return sums[2 * group + 1];
    }

    private boolean isWide(int group) {
        return wideSums != null && wideSums[group] != null;
    }

    @Override
    void grow(int capacity) {
        sums = Arrays.copyOf(sums, 2 * capacity);
        if (wideSums != null) {
            wideSums = Arrays.copyOf(wideSums, capacity);
        }
    }

    @Override
    BigDecimal decimalValue(int group) {
        return new BigDecimal(isWide(group) ? wideSums[group] : Int128.toBigInteger(high(group), low(group)), scale);
    }

    @Override
    double doubleValue(int group) {
        return decimalValue(group).doubleValue();
    }

    @Override
    void write(int group, FieldVector target, int index) {
        if (!hasValue(group)) {
            ResultWriters.writeNull(target, index);
        } else if (!isWide(group) && target instanceof DecimalVector decimals && decimals.getScale() == scale
                && Int128.hasAtMostDigits(high(group), low(group), decimals.getPrecision())) {
            ResultWriters.writeUnscaled(decimals, index, high(group), low(group));
        } else {
            // other targets, and the out-of-range error
            ResultWriters.writeDecimal(target, index, decimalValue(group));
        }
    }
}
