package io.tarn.executor.operator.window;

import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.TypeKind;
import io.tarn.executor.ExecutionException;
import io.tarn.executor.expression.AggregateFunction;
import io.tarn.executor.operator.aggregate.NumericReaders;
import io.tarn.executor.vector.ValueComparator;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The running state of one aggregate over the rows currently in a frame: rows are added one at a time and the
 * current value stored for an output row. Covers every {@link AggregateFunction} usable in a window.
 */
final class FrameAggregate {
    private final AggregateFunction function;
    private final FieldVector argument;
    private final DataType resultType;
    private final ValueComparator comparator;
    private final NumericReaders.LongReader longs;
    private final NumericReaders.DoubleReader doubles;
    private long count;
    private long rows;
    private long longSum;
    private double doubleSum;
    private double squares;
    private BigDecimal decimalSum;
    private int best;

    FrameAggregate(AggregateFunction function, FieldVector argument, DataType resultType) {
        this.function = function;
        this.argument = argument;
        this.resultType = resultType;
        this.comparator = argument == null ? null : ValueComparator.of(argument, argument);
        boolean numeric = argument != null && switch (function) {
            case SUM, AVG, VAR_POP, VAR_SAMP, STDDEV_POP, STDDEV_SAMP -> true;
            default -> false;
        };
        this.longs = numeric && isInteger(argument) ? NumericReaders.longs(argument) : null;
        this.doubles = numeric && !(argument instanceof DecimalVector) ? NumericReaders.doubles(argument) : null;
        reset();
    }

    void reset() {
        count = 0;
        rows = 0;
        longSum = 0;
        doubleSum = 0;
        squares = 0;
        decimalSum = BigDecimal.ZERO;
        best = -1;
    }

    /** Adds input row {@code row} to the frame. */
    void add(int row) {
        rows++;
        if (argument == null) {
            count++;
            return;
        }
        if (argument.isNull(row)) {
            return;
        }
        count++;
        switch (function) {
            case SUM, AVG, VAR_POP, VAR_SAMP, STDDEV_POP, STDDEV_SAMP -> addNumber(row);
            case MIN, BOOL_AND -> best = best < 0 || comparator.compare(row, best) < 0 ? row : best;
            case MAX, BOOL_OR -> best = best < 0 || comparator.compare(row, best) > 0 ? row : best;
            case ANY_VALUE, SINGLE_VALUE -> best = best < 0 ? row : best;
            default -> {
            }
        }
    }

    private void addNumber(int row) {
        if (argument instanceof DecimalVector decimals) {
            BigDecimal value = decimals.getObject(row);
            decimalSum = decimalSum.add(value);
            double d = value.doubleValue();
            doubleSum += d;
            squares += d * d;
        } else if (longs == null) {
            double value = doubles.get(row);
            doubleSum += value;
            squares += value * value;
        } else {
            long value = longs.get(row);
            try {
                longSum = Math.addExact(longSum, value);
            } catch (ArithmeticException e) {
                throw new ExecutionException(ExecutionException.NUMERIC_OUT_OF_RANGE, "BIGINT out of range in SUM", e);
            }
            doubleSum += value;
            squares += (double) value * value;
        }
    }

    private static boolean isInteger(FieldVector vector) {
        return !(vector instanceof DecimalVector || vector instanceof Float8Vector || vector instanceof Float4Vector);
    }

    /** Where {@link #store} puts its values: a holder of the right kind for this function and argument. */
    WindowValues newValues(int rowCount) {
        boolean floating = argument instanceof Float8Vector || argument instanceof Float4Vector;
        return switch (function) {
            case COUNT, GROUPING -> WindowValues.longs(rowCount);
            case SUM -> argument instanceof DecimalVector ? WindowValues.decimals(rowCount)
                    : floating ? WindowValues.doubles(rowCount) : WindowValues.longs(rowCount);
            case AVG -> resultType.kind() == TypeKind.REAL || resultType.kind() == TypeKind.DOUBLE
                    ? WindowValues.doubles(rowCount) : WindowValues.decimals(rowCount);
            case MIN, MAX, ANY_VALUE, BOOL_AND, BOOL_OR, SINGLE_VALUE -> WindowValues.sourceRows(rowCount, argument, null);
            case VAR_POP, VAR_SAMP, STDDEV_POP, STDDEV_SAMP -> WindowValues.doubles(rowCount);
        };
    }

    /** Stores the aggregate of the current frame as the value of output row {@code row}. */
    void store(WindowValues values, int row) {
        switch (function) {
            case COUNT -> values.setLong(row, count);
            case SUM -> storeSum(values, row);
            case AVG -> storeAverage(values, row);
            case MIN, MAX, ANY_VALUE, BOOL_AND, BOOL_OR -> storeBest(values, row);
            case SINGLE_VALUE -> {
                if (rows > 1) {
                    throw new ExecutionException(ExecutionException.CARDINALITY_VIOLATION,
                            "more than one row returned by a subquery used as an expression");
                }
                storeBest(values, row);
            }
            case VAR_POP, VAR_SAMP, STDDEV_POP, STDDEV_SAMP -> storeVariance(values, row);
            case GROUPING -> throw new IllegalArgumentException("GROUPING is not a window function");
        }
    }

    private void storeBest(WindowValues values, int row) {
        if (best < 0) {
            values.setNull(row);
        } else {
            values.setSourceRow(row, best);
        }
    }

    private void storeSum(WindowValues values, int row) {
        if (count == 0) {
            values.setNull(row);
        } else if (argument instanceof DecimalVector) {
            values.setDecimal(row, decimalSum);
        } else if (argument instanceof Float8Vector || argument instanceof Float4Vector) {
            values.setDouble(row, doubleSum);
        } else {
            values.setLong(row, longSum);
        }
    }

    private void storeAverage(WindowValues values, int row) {
        if (count == 0) {
            values.setNull(row);
            return;
        }
        switch (resultType.kind()) {
            case REAL, DOUBLE -> values.setDouble(row, doubleSum / count);
            default -> {
                BigDecimal sum = argument instanceof DecimalVector ? decimalSum : BigDecimal.valueOf(longSum);
                boolean decimal = resultType.kind() == TypeKind.DECIMAL;
                values.setDecimal(row, sum.divide(BigDecimal.valueOf(count), decimal ? resultType.scale() : 0,
                        decimal ? RoundingMode.HALF_UP : RoundingMode.DOWN));
            }
        }
    }

    private void storeVariance(WindowValues values, int row) {
        boolean sample = function == AggregateFunction.VAR_SAMP || function == AggregateFunction.STDDEV_SAMP;
        if (count == 0 || sample && count == 1) {
            values.setNull(row);
            return;
        }
        double mean = doubleSum / count;
        double variance = Math.max(0, squares - mean * doubleSum) / (sample ? count - 1 : count);
        boolean root = function == AggregateFunction.STDDEV_POP || function == AggregateFunction.STDDEV_SAMP;
        values.setDouble(row, root ? Math.sqrt(variance) : variance);
    }
}
