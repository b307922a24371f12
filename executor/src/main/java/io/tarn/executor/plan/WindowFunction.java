package io.tarn.executor.plan;

import io.tarn.catalog.type.DataType;
import io.tarn.executor.expression.AggregateFunction;

import java.util.Arrays;

/**
 * One window function. Ranking kinds ignore the frame; LAG/LEAD take arguments (value, [offset column],
 * [default column]); NTILE's argument is a bucket-count column; AGGREGATE applies {@code aggregate} over the frame.
 */
public record WindowFunction(Kind kind, AggregateFunction aggregate, int[] arguments, boolean distinct, DataType type,
                             String name) {
    public enum Kind { ROW_NUMBER, RANK, DENSE_RANK, PERCENT_RANK, CUME_DIST, NTILE, LAG, LEAD, FIRST_VALUE, LAST_VALUE, NTH_VALUE, AGGREGATE }

    public WindowFunction {
        arguments = arguments.clone();
    }

    @Override
    public String toString() {
        return (kind == Kind.AGGREGATE ? aggregate.name() : kind.name()).toLowerCase() + Arrays.toString(arguments);
    }
}
