package io.tarn.executor.operator.aggregate;

import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.DataType;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;

/**
 * AVG(x) computed in the call's result type: integers truncate, DECIMAL rounds HALF_UP to its scale, floating point
 * divides as double. State: the sum and the BIGINT count of non-null values.
 */
final class AverageAccumulator implements Accumulator {
    private final int argument;
    private final SumState sums;
    private long[] counts = new long[16];

    AverageAccumulator(int argument, DataType argumentType) {
        this.argument = argument;
        this.sums = SumState.forType(argumentType);
    }

    @Override
    public void ensureGroups(int groupCount) {
        sums.ensureGroups(groupCount);
        if (groupCount > counts.length) {
            counts = Arrays.copyOf(counts, Math.max(groupCount, counts.length * 2));
        }
    }

    @Override
    public void add(Batch batch, int[] groupIds, int[] rows, int count) {
        FieldVector column = batch.column(argument);
        sums.add(column, groupIds, rows, count);
        if (column.getNullCount() == 0) {
            // no validity bit to read per row (q1's averages have no NULLs)
            for (int i = 0; i < count; i++) {
                counts[groupIds[rows[i]]]++;
            }
            return;
        }
        for (int i = 0; i < count; i++) {
            int row = rows[i];
            if (!column.isNull(row)) {
                counts[groupIds[row]]++;
            }
        }
    }

    @Override
    public void merge(Batch batch, int firstStateColumn, int[] groupIds, int[] rows, int count) {
        sums.add(batch.column(firstStateColumn), groupIds, rows, count);
        BigIntVector stateCounts = (BigIntVector) batch.column(firstStateColumn + 1);
        for (int i = 0; i < count; i++) {
            int row = rows[i];
            if (!stateCounts.isNull(row)) {
                counts[groupIds[row]] += stateCounts.get(row);
            }
        }
    }

    @Override
    public void writeResult(int fromGroup, int count, FieldVector target) {
        for (int i = 0; i < count; i++) {
            int group = fromGroup + i;
            if (counts[group] == 0) {
                ResultWriters.writeNull(target, i);
            } else if (target instanceof Float8Vector || target instanceof Float4Vector) {
                ResultWriters.writeDouble(target, i, sums.doubleValue(group) / counts[group]);
            } else {
                int scale = target instanceof DecimalVector decimal ? decimal.getScale() : 0;
                RoundingMode rounding = target instanceof DecimalVector ? RoundingMode.HALF_UP : RoundingMode.DOWN;
                BigDecimal average = sums.decimalValue(group).divide(BigDecimal.valueOf(counts[group]), scale, rounding);
                ResultWriters.writeDecimal(target, i, average);
            }
        }
    }

    @Override
    public void writeStates(int fromGroup, int count, List<FieldVector> targets) {
        for (int i = 0; i < count; i++) {
            sums.write(fromGroup + i, targets.get(0), i);
            ResultWriters.writeLong(targets.get(1), i, counts[fromGroup + i]);
        }
    }
}
