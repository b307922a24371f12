package io.tarn.executor.expression;

import io.tarn.catalog.type.DataType;

/** A constant in canonical Java form ({@link io.tarn.catalog.type.Values}); null is SQL NULL. */
public record Literal(Object value, DataType type) implements Expression {
    @Override
    public String toString() {
        return value instanceof String s ? "'" + s.replace("'", "''") + "'" : String.valueOf(value);
    }
}
