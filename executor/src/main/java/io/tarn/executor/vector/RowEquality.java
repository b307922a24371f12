package io.tarn.executor.vector;

import org.apache.arrow.vector.FieldVector;

import java.util.List;

/**
 * Compares rows of two sets of vectors on chosen key columns, with typed comparators bound once per pair of vector
 * sets. NULL equals NULL here (grouping semantics); callers wanting SQL equality check nulls first.
 */
public final class RowEquality {
    private final FieldVector[] left;
    private final FieldVector[] right;
    private final ValueComparator[] comparators;

    private RowEquality(FieldVector[] left, FieldVector[] right, ValueComparator[] comparators) {
        this.left = left;
        this.right = right;
        this.comparators = comparators;
    }

    /** Equality of {@code leftColumns[leftKeys[k]]} against {@code rightColumns[rightKeys[k]]} for every k. */
    public static RowEquality of(List<FieldVector> leftColumns, int[] leftKeys, List<FieldVector> rightColumns, int[] rightKeys) {
        if (leftKeys.length != rightKeys.length) {
            throw new IllegalArgumentException("key counts differ: " + leftKeys.length + " vs " + rightKeys.length);
        }
        FieldVector[] left = new FieldVector[leftKeys.length];
        FieldVector[] right = new FieldVector[rightKeys.length];
        ValueComparator[] comparators = new ValueComparator[leftKeys.length];
        for (int k = 0; k < leftKeys.length; k++) {
            left[k] = leftColumns.get(leftKeys[k]);
            right[k] = rightColumns.get(rightKeys[k]);
            comparators[k] = ValueComparator.of(left[k], right[k]);
        }
        return new RowEquality(left, right, comparators);
    }

    /** Whether left row {@code i} and right row {@code j} have equal keys, NULL matching NULL. */
    public boolean equal(int i, int j) {
        for (int k = 0; k < comparators.length; k++) {
            boolean leftNull = left[k].isNull(i);
            boolean rightNull = right[k].isNull(j);
            if (leftNull || rightNull) {
                if (leftNull != rightNull) {
                    return false;
                }
            } else if (comparators[k].compare(i, j) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether any key of left row {@code i} is NULL (such a row never matches under SQL equality). */
    public boolean leftHasNull(int i) {
        for (FieldVector vector : left) {
            if (vector.isNull(i)) {
                return true;
            }
        }
        return false;
    }
}
