package io.tarn.executor.expression;

import io.tarn.catalog.type.DataType;

import java.util.Arrays;

/**
 * One aggregate of an aggregation: arguments are input column indexes; {@code filterArgument} is the index of a
 * BOOLEAN input column that must be TRUE for a row to count, or -1.
 */
public record AggregateCall(AggregateFunction function, int[] arguments, boolean distinct, int filterArgument,
                            DataType type, String name) {
    public AggregateCall {
        arguments = arguments.clone();
    }

    @Override
    public String toString() {
        return function.name().toLowerCase() + "(" + (distinct ? "DISTINCT " : "")
                + String.join(", ", Arrays.stream(arguments).mapToObj(i -> "$" + i).toList()) + ")"
                + (filterArgument >= 0 ? " FILTER $" + filterArgument : "");
    }
}
