package io.tarn.executor.operator.aggregate;

import io.tarn.catalog.type.Batch;
import io.tarn.executor.expression.AggregateFunction;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;

import java.util.Arrays;
import java.util.List;

/**
 * VAR_POP / VAR_SAMP / STDDEV_POP / STDDEV_SAMP in double precision from count, sum and sum of squares (which is
 * also the state: BIGINT count, DOUBLE sum, DOUBLE sum of squares). NULL without rows (or one row for the samples).
 */
final class VarianceAccumulator implements Accumulator {
    private final int argument;
    private final AggregateFunction function;
    private long[] counts = new long[16];
    private double[] sums = new double[16];
    private double[] squares = new double[16];

    VarianceAccumulator(int argument, AggregateFunction function) {
        this.argument = argument;
        this.function = function;
    }

    @Override
    public void ensureGroups(int groupCount) {
        if (groupCount > counts.length) {
            int capacity = Math.max(groupCount, counts.length * 2);
            counts = Arrays.copyOf(counts, capacity);
            sums = Arrays.copyOf(sums, capacity);
            squares = Arrays.copyOf(squares, capacity);
        }
    }

    @Override
    public void add(Batch batch, int[] groupIds, int[] rows, int count) {
        FieldVector column = batch.column(argument);
        NumericReaders.DoubleReader values = NumericReaders.doubles(column);
        for (int i = 0; i < count; i++) {
            int row = rows[i];
            if (!column.isNull(row)) {
                int group = groupIds[row];
                double value = values.get(row);
                counts[group]++;
                sums[group] += value;
                squares[group] += value * value;
            }
        }
    }

    @Override
    public void merge(Batch batch, int firstStateColumn, int[] groupIds, int[] rows, int count) {
        BigIntVector stateCounts = (BigIntVector) batch.column(firstStateColumn);
        Float8Vector stateSums = (Float8Vector) batch.column(firstStateColumn + 1);
        Float8Vector stateSquares = (Float8Vector) batch.column(firstStateColumn + 2);
        for (int i = 0; i < count; i++) {
            int row = rows[i];
            if (!stateCounts.isNull(row) && stateCounts.get(row) > 0) {
                int group = groupIds[row];
                counts[group] += stateCounts.get(row);
                sums[group] += stateSums.get(row);
                squares[group] += stateSquares.get(row);
            }
        }
    }

    @Override
    public void writeResult(int fromGroup, int count, FieldVector target) {
        boolean sample = function == AggregateFunction.VAR_SAMP || function == AggregateFunction.STDDEV_SAMP;
        boolean root = function == AggregateFunction.STDDEV_POP || function == AggregateFunction.STDDEV_SAMP;
        for (int i = 0; i < count; i++) {
            int group = fromGroup + i;
            long n = counts[group];
            if (n == 0 || sample && n == 1) {
                ResultWriters.writeNull(target, i);
                continue;
            }
            double mean = sums[group] / n;
            double deviations = Math.max(0, squares[group] - mean * sums[group]);
            double variance = deviations / (sample ? n - 1 : n);
            ResultWriters.writeDouble(target, i, root ? Math.sqrt(variance) : variance);
        }
    }

    @Override
    public void writeStates(int fromGroup, int count, List<FieldVector> targets) {
        for (int i = 0; i < count; i++) {
            int group = fromGroup + i;
            ResultWriters.writeLong(targets.get(0), i, counts[group]);
            ResultWriters.writeDouble(targets.get(1), i, sums[group]);
            ResultWriters.writeDouble(targets.get(2), i, squares[group]);
        }
    }
}
