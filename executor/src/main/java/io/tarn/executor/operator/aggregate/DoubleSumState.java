package io.tarn.executor.operator.aggregate;

import org.apache.arrow.vector.FieldVector;

import java.math.BigDecimal;
import java.util.Arrays;

/** Sums of REAL/DOUBLE columns in doubles. */
final class DoubleSumState extends SumState {
    private double[] sums = new double[16];

    @Override
    void add(FieldVector column, int[] groupIds, int[] rows, int count) {
        NumericReaders.DoubleReader values = NumericReaders.doubles(column);
        for (int i = 0; i < count; i++) {
            int row = rows[i];
            if (!column.isNull(row)) {
                int group = groupIds[row];
                sums[group] += values.get(row);
                markPresent(group);
            }
        }
    }

    @Override
    void grow(int capacity) {
        sums = Arrays.copyOf(sums, capacity);
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
            ResultWriters.writeDouble(target, index, sums[group]);
        } else {
            ResultWriters.writeNull(target, index);
        }
    }
}
