package io.tarn.executor.operator.aggregate;

import org.apache.arrow.vector.FieldVector;

import java.math.BigDecimal;

/**
 * Per-group sums of one numeric column, in the representation its type needs: exact long, exact decimal or double.
 * A group without a non-null value has no sum (SQL NULL).
 */
abstract class SumState {
    private boolean[] present = new boolean[16];

    /** Adds the non-null values of {@code column} at {@code rows[0..count)} to their groups. */
    abstract void add(FieldVector column, int[] groupIds, int[] rows, int count);

    abstract BigDecimal decimalValue(int group);

    abstract double doubleValue(int group);

    /** Writes group {@code group}'s sum (or NULL) at {@code index} of {@code target}. */
    abstract void write(int group, FieldVector target, int index);

    void ensureGroups(int groupCount) {
        if (groupCount > present.length) {
            present = java.util.Arrays.copyOf(present, Math.max(groupCount, present.length * 2));
            grow(present.length);
        }
    }

    /** Grows the value arrays to {@code capacity} groups. */
    abstract void grow(int capacity);

    final void markPresent(int group) {
        present[group] = true;
    }

    final boolean hasValue(int group) {
        return present[group];
    }

    /** The state for summing a column of this type. */
    static SumState forType(io.tarn.catalog.type.DataType type) {
        return switch (type.kind()) {
            case DECIMAL -> new DecimalSumState(type.scale());
            case REAL, DOUBLE -> new DoubleSumState();
            default -> new LongSumState();
        };
    }
}
