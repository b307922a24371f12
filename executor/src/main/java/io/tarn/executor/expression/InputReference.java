package io.tarn.executor.expression;

import io.tarn.catalog.type.DataType;

/** The value of input column {@code index}. */
public record InputReference(int index, DataType type) implements Expression {
    @Override
    public String toString() {
        return "$" + index;
    }
}
