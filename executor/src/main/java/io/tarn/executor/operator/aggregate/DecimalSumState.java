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

    /**
     * Rows of one group in a row (a global aggregate's whole batch, a sorted or clustered key) whose values fit in a
     * long are summed in locals first, then added to the group's sum once: the per-row work is then two independent
     * 64-bit adds in registers instead of a checked 128-bit update of the group's memory, which the next row must
     * wait for. The locals hold the values' upper (signed) and lower (unsigned) 32 bits apart, so neither can
     * overflow: a batch has fewer than 2^31 rows.
     */
    @Override
    void add(FieldVector column, int[] groupIds, int[] rows, int count) {
        DecimalVector decimals = (DecimalVector) column;
        // the rows lie within the vector's values, checked once so the loop reads by address (see DirectAccess)
        long address = DirectAccess.inputData(decimals, decimals.getValueCount());
        // counting nulls once per batch is cheaper than reading a validity bit per row (q1's sums have no NULLs)
        boolean nullable = decimals.getNullCount() > 0;
        int runGroup = -1;
        long runUpper = 0;
        long runLower = 0;
        for (int i = 0; i < count; i++) {
            int row = rows[i];
            if (nullable && decimals.isNull(row)) {
                continue;
            }
            int group = groupIds[row];
            long value = address + (long) row * DecimalVector.TYPE_WIDTH;
            long low = MemoryUtil.getLong(value);
            long high = MemoryUtil.getLong(value + Long.BYTES);
            boolean fitsLong = high == low >> 63;
            if (group == runGroup && fitsLong) {
                runUpper += low >> 32;
                runLower += low & 0xffff_ffffL;
                continue;
            }
            if (runGroup >= 0) {
                addRun(runGroup, runUpper, runLower);
            }
            markPresent(group);
            if (fitsLong) {
                runGroup = group;
                runUpper = low >> 32;
                runLower = low & 0xffff_ffffL;
            } else {
                runGroup = -1;
                addChecked(group, high, low);
            }
        }
        if (runGroup >= 0) {
            addRun(runGroup, runUpper, runLower);
        }
    }

    /** Adds {@code upper * 2^32 + lower} (see {@link #add}) to the group's sum. */
    private void addRun(int group, long upper, long lower) {
        long low = (upper << 32) + lower;
        long carry = Long.compareUnsigned(low, lower) < 0 ? 1 : 0;
        addChecked(group, (upper >> 32) + carry, low);
    }

    /** Adds a 128-bit value to the group's sum, continuing in a BigInteger once the sum leaves 128 bits. */
    private void addChecked(int group, long high, long low) {
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
