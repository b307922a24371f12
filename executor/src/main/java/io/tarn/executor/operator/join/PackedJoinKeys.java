package io.tarn.executor.operator.join;

import io.tarn.catalog.type.Batch;
import io.tarn.executor.plan.PhysicalHashJoin;
import io.tarn.executor.vector.IntegerColumns;

import java.util.Arrays;

/**
 * Join key values as {@code long}s in plain arrays, one per key column, for joins whose keys are all integer-like
 * columns compared with SQL equality (the common key/foreign-key join). Probing then compares array elements instead
 * of reading both sides' Arrow vectors through per-type comparators, which dominated join-heavy queries. A NULL key
 * is stored as 0; such build rows are never chained and such probe rows never probe, so the value is never compared.
 */
final class PackedJoinKeys {
    private long[][] values;

    PackedJoinKeys(int keyCount, int initialRows) {
        values = new long[keyCount][initialRows];
    }

    /** Whether every key of {@code join} can be packed: integer-like on both sides, NULL never equal to NULL. */
    static boolean applicable(PhysicalHashJoin join) {
        for (int k = 0; k < join.leftKeys().length; k++) {
            if (join.nullsEqual()[k]
                    || !IntegerColumns.isIntegerLike(join.left().schema().column(join.leftKeys()[k]).type().kind())
                    || !IntegerColumns.isIntegerLike(join.right().schema().column(join.rightKeys()[k]).type().kind())) {
                return false;
            }
        }
        return true;
    }

    void ensureCapacity(int rows) {
        for (int k = 0; k < values.length; k++) {
            if (values[k].length < rows) {
                values[k] = Arrays.copyOf(values[k], Math.max(rows, values[k].length * 2));
            }
        }
    }

    /** Stores the keys of {@code batch}'s rows at row ids {@code offset..offset+rowCount}. */
    void append(Batch batch, int[] keys, int offset) {
        ensureCapacity(offset + batch.rowCount());
        for (int k = 0; k < keys.length; k++) {
            IntegerColumns.read(batch.column(keys[k]), batch.rowCount(), values[k], offset);
        }
    }

    long[] column(int key) {
        return values[key];
    }

    /** The keys of a probe batch, one array per key column. */
    static long[][] of(Batch batch, int[] keys) {
        long[][] result = new long[keys.length][batch.rowCount()];
        for (int k = 0; k < keys.length; k++) {
            IntegerColumns.read(batch.column(keys[k]), batch.rowCount(), result[k], 0);
        }
        return result;
    }
}
