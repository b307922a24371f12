package io.tarn.executor.operator.exchange;

import io.tarn.catalog.type.Batch;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.ByteFunctionHelpers;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Row-level helpers over Arrow vectors shared by the hash-based operators and the exchanges: key hashing, key
 * equality and copying selected rows into new vectors. Works for every scalar type through Arrow's own per-vector
 * hashing and raw buffer comparison (two values of one type are equal exactly when their bytes are).
 */
public final class BatchRows {
    private static final long SEED = 0x9E3779B97F4A7C15L;

    private BatchRows() {
    }

    /** The combined hash of the key columns of every row of {@code batch}; NULLs hash alike. */
    public static long[] hash(Batch batch, int[] keys) {
        Objects.requireNonNull(batch, "batch is null");
        long[] hashes = new long[batch.rowCount()];
        hashInto(batch.columns(), keys, batch.rowCount(), hashes);
        return hashes;
    }

    /** Writes the combined hash of the key columns of rows 0..rowCount-1 into {@code hashes}. */
    public static void hashInto(List<FieldVector> columns, int[] keys, int rowCount, long[] hashes) {
        java.util.Arrays.fill(hashes, 0, rowCount, SEED);
        for (int key : keys) {
            FieldVector vector = columns.get(key);
            for (int row = 0; row < rowCount; row++) {
                hashes[row] = (hashes[row] ^ vector.hashCode(row)) * SEED;
            }
        }
        for (int row = 0; row < rowCount; row++) {
            hashes[row] = mix(hashes[row]);
        }
    }

    private static long mix(long hash) {
        hash ^= hash >>> 33;
        hash *= 0xFF51AFD7ED558CCDL;
        hash ^= hash >>> 33;
        return hash;
    }

    /** Whether two non-null values of the same type are equal (raw byte comparison). */
    public static boolean valuesEqual(FieldVector left, int leftRow, FieldVector right, int rightRow) {
        if (left instanceof BitVector l && right instanceof BitVector r) {
            return l.get(leftRow) == r.get(rightRow);
        }
        if (left instanceof BaseFixedWidthVector l && right instanceof BaseFixedWidthVector r) {
            int width = l.getTypeWidth();
            return ByteFunctionHelpers.equal(l.getDataBuffer(), (long) leftRow * width, (long) (leftRow + 1) * width,
                    r.getDataBuffer(), (long) rightRow * width, (long) (rightRow + 1) * width) == 1;
        }
        if (left instanceof BaseVariableWidthVector l && right instanceof BaseVariableWidthVector r) {
            return ByteFunctionHelpers.equal(l.getDataBuffer(), l.getStartOffset(leftRow), l.getEndOffset(leftRow),
                    r.getDataBuffer(), r.getStartOffset(rightRow), r.getEndOffset(rightRow)) == 1;
        }
        if (left instanceof NullVector && right instanceof NullVector) {
            return true;
        }
        return Objects.equals(left.getObject(leftRow), right.getObject(rightRow));
    }

    /** A new batch holding rows {@code rows[0..count)} of {@code batch}, in that order. */
    public static Batch copy(Batch batch, int[] rows, int count, BufferAllocator allocator) {
        List<FieldVector> copies = new ArrayList<>(batch.columnCount());
        try {
            for (FieldVector source : batch.columns()) {
                FieldVector target = newVector(source, allocator, count);
                copies.add(target);
                for (int i = 0; i < count; i++) {
                    target.copyFromSafe(rows[i], i, source);
                }
                target.setValueCount(count);
            }
        } catch (RuntimeException | Error e) {
            copies.forEach(FieldVector::close);
            throw e;
        }
        return new Batch(copies, count);
    }

    /** A new batch with all rows of {@code batch}. */
    public static Batch copyAll(Batch batch, BufferAllocator allocator) {
        int[] rows = new int[batch.rowCount()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        return copy(batch, rows, rows.length, allocator);
    }

    /** An empty vector of the same field as {@code like}, with room for {@code capacity} values. */
    public static FieldVector newVector(FieldVector like, BufferAllocator allocator, int capacity) {
        FieldVector vector = like.getField().createVector(allocator);
        vector.setInitialCapacity(Math.max(capacity, 1));
        vector.allocateNew();
        return vector;
    }
}
