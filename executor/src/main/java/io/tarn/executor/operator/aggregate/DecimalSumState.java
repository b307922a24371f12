package io.tarn.executor.operator.aggregate;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Exact sums of DECIMAL columns as unscaled longs; a group whose sum leaves the long range continues in a BigInteger.
 * Inputs must all have the column's scale.
 */
final class DecimalSumState extends SumState {
    private final int scale;
    private long[] sums = new long[16];
    private BigInteger[] wideSums = new BigInteger[16];

    DecimalSumState(int scale) {
        this.scale = scale;
    }

    @Override
    void add(FieldVector column, int[] groupIds, int[] rows, int count) {
        DecimalVector decimals = (DecimalVector) column;
        ArrowBuf data = decimals.getDataBuffer();
        // counting nulls once per batch is cheaper than reading a validity bit per row (q1's sums have no NULLs)
        boolean nullable = decimals.getNullCount() > 0;
        for (int i = 0; i < count; i++) {
            int row = rows[i];
            if (nullable && decimals.isNull(row)) {
                continue;
            }
            int group = groupIds[row];
            markPresent(group);
            if (wideSums[group] == null && NumericReaders.fitsInLong(data, row)) {
                long value = data.getLong((long) row << 4);
                long sum = sums[group] + value;
                // overflow iff both operands have the sign opposite to the result
                if (((sums[group] ^ sum) & (value ^ sum)) >= 0) {
                    sums[group] = sum;
                    continue;
                }
            }
            addWide(group, rescaledUnscaled(decimals, row));
        }
    }

    private BigInteger rescaledUnscaled(DecimalVector decimals, int row) {
        return decimals.getObject(row).setScale(scale).unscaledValue();
    }

    private void addWide(int group, BigInteger value) {
        BigInteger current = wideSums[group] == null ? BigInteger.valueOf(sums[group]) : wideSums[group];
        wideSums[group] = current.add(value);
    }

    @Override
    void grow(int capacity) {
        sums = Arrays.copyOf(sums, capacity);
        wideSums = Arrays.copyOf(wideSums, capacity);
    }

    @Override
    BigDecimal decimalValue(int group) {
        BigInteger wide = wideSums[group];
        return wide == null ? BigDecimal.valueOf(sums[group], scale) : new BigDecimal(wide, scale);
    }

    @Override
    double doubleValue(int group) {
        return decimalValue(group).doubleValue();
    }

    @Override
    void write(int group, FieldVector target, int index) {
        if (hasValue(group) && wideSums[group] == null && target instanceof DecimalVector decimals
                && decimals.getScale() == scale && decimals.getPrecision() >= 19) {
            ResultWriters.writeUnscaled(decimals, index, sums[group]);
        } else if (hasValue(group)) {
            ResultWriters.writeDecimal(target, index, decimalValue(group));
        } else {
            ResultWriters.writeNull(target, index);
        }
    }
}
