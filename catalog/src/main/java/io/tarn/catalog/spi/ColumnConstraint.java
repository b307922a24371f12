package io.tarn.catalog.spi;

/**
 * {@code column op value}, used to prune files and row groups. Column is an index into the table schema; value is in
 * Tarn's canonical Java form (see {@link io.tarn.catalog.type.Values}); IS_NULL / IS_NOT_NULL ignore it.
 */
public record ColumnConstraint(int column, Op op, Object value) {
    public enum Op { EQ, NE, LT, LE, GT, GE, IS_NULL, IS_NOT_NULL }
}
