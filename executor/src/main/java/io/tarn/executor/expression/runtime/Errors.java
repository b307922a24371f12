package io.tarn.executor.expression.runtime;

import io.tarn.executor.ExecutionException;

/** The data exceptions raised while evaluating expressions. */
final class Errors {
    private Errors() {
    }

    static ExecutionException outOfRange(String type) {
        return new ExecutionException(ExecutionException.NUMERIC_OUT_OF_RANGE, "value out of range for " + type);
    }

    static ExecutionException divisionByZero() {
        return new ExecutionException(ExecutionException.DIVISION_BY_ZERO, "division by zero");
    }

    static ExecutionException invalidText(String type, byte[] text) {
        return new ExecutionException(ExecutionException.INVALID_CAST,
                "invalid input syntax for type " + type + ": '" + Strings.toJavaString(text) + "'");
    }

    static ExecutionException invalidDatetime(String type, byte[] text) {
        return new ExecutionException(ExecutionException.INVALID_DATETIME,
                "invalid " + type + " value: '" + Strings.toJavaString(text) + "'");
    }

    static ExecutionException invalidArgument(String sqlState, String message) {
        return new ExecutionException(sqlState, message);
    }
}
