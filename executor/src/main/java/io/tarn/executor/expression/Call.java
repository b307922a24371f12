package io.tarn.executor.expression;

import io.tarn.catalog.type.DataType;

import java.util.List;
import java.util.stream.Collectors;

/** A function applied to arguments; {@code type} is the result type decided by the planner. */
public record Call(Function function, List<Expression> arguments, DataType type) implements Expression {
    public Call {
        arguments = List.copyOf(arguments);
    }

    @Override
    public String toString() {
        return function.name().toLowerCase() + arguments.stream().map(Object::toString).collect(Collectors.joining(", ", "(", ")"));
    }
}
