package io.tarn.executor.vector;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampVector;

import java.util.Arrays;
import java.util.List;

/**
 * Hashes rows on chosen columns, one column at a time over the whole batch. Equal values hash alike across integer
 * widths (TINYINT..BIGINT, DATE) and across REAL/DOUBLE, so both sides of a join or exchange agree; NULL hashes to
 * {@link #NULL_HASH}.
 */
public final class RowHasher {
    /** What a NULL value contributes. */
    public static final long NULL_HASH = 0x5bd1e9955bd1e995L;
    private static final long SEED = 0x9e3779b97f4a7c15L;

    private RowHasher() {
    }

    /** Fills {@code hashes[0..rowCount)} with the hash of each row's {@code keys} columns. */
    public static void hash(List<FieldVector> columns, int[] keys, int rowCount, long[] hashes) {
        Arrays.fill(hashes, 0, rowCount, SEED);
        for (int key : keys) {
            hashColumn(columns.get(key), rowCount, hashes);
        }
    }

    /** The instance (0..n-1) a row with this hash belongs to. */
    public static int partition(long hash, int partitions) {
        return (int) Long.remainderUnsigned(mix(hash), partitions);
    }

    /** Mixes a value hash into every row's running hash. */
    public static void hashColumn(FieldVector vector, int rowCount, long[] hashes) {
        if (vector instanceof BaseFixedWidthVector fixed && !(vector instanceof BitVector)
                && IntegerColumns.isIntegerLike(vector.getField())) {
            // by value, whatever the width, so that equal keys of different integer types hash alike
            long[] values = new long[rowCount];
            IntegerColumns.read(vector, rowCount, values, 0);
            long nulls = DirectAccess.inputNulls(fixed, rowCount);
            for (int i = 0; i < rowCount; i++) {
                hashes[i] = combine(hashes[i], DirectAccess.isNull(nulls, i) ? NULL_HASH : mix(values[i]));
            }
        } else if (vector instanceof DecimalVector v) {
            long data = DirectAccess.inputData(v, rowCount);
            long nulls = DirectAccess.inputNulls(v, rowCount);
            for (int i = 0; i < rowCount; i++) {
                long address = data + ((long) i << 4);
                long hash = DirectAccess.isNull(nulls, i) ? NULL_HASH
                        : mix(MemoryUtil.getLong(address) ^ mix(MemoryUtil.getLong(address + 8)));
                hashes[i] = combine(hashes[i], hash);
            }
        } else if (vector instanceof BaseVariableWidthVector v) {
            ArrowBuf data = v.getDataBuffer();
            for (int i = 0; i < rowCount; i++) {
                hashes[i] = combine(hashes[i], v.isNull(i) ? NULL_HASH : hashBytes(data, v.getStartOffset(i), v.getEndOffset(i)));
            }
        } else if (vector instanceof Float8Vector v) {
            for (int i = 0; i < rowCount; i++) {
                hashes[i] = combine(hashes[i], v.isNull(i) ? NULL_HASH : hashDouble(v.get(i)));
            }
        } else if (vector instanceof Float4Vector v) {
            for (int i = 0; i < rowCount; i++) {
                hashes[i] = combine(hashes[i], v.isNull(i) ? NULL_HASH : hashDouble(v.get(i)));
            }
        } else if (vector instanceof TimeStampVector v) {
            for (int i = 0; i < rowCount; i++) {
                hashes[i] = combine(hashes[i], v.isNull(i) ? NULL_HASH : mix(v.get(i)));
            }
        } else if (vector instanceof TimeMicroVector v) {
            for (int i = 0; i < rowCount; i++) {
                hashes[i] = combine(hashes[i], v.isNull(i) ? NULL_HASH : mix(v.get(i)));
            }
        } else if (vector instanceof BitVector v) {
            for (int i = 0; i < rowCount; i++) {
                hashes[i] = combine(hashes[i], v.isNull(i) ? NULL_HASH : mix(v.get(i)));
            }
        } else {
            for (int i = 0; i < rowCount; i++) {
                hashes[i] = combine(hashes[i], vector.isNull(i) ? NULL_HASH : mix(vector.hashCode(i)));
            }
        }
    }

    /** A well-spread 64-bit hash of {@code value} (the murmur3 finalizer). */
    public static long mix(long value) {
        long h = value;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    private static long combine(long running, long valueHash) {
        return running * 31 + valueHash;
    }

    private static long hashDouble(double value) {
        // -0.0 equals 0.0 and all NaNs are one group, so they must hash alike
        double normalized = value == 0.0 ? 0.0 : value;
        return mix(Double.doubleToLongBits(normalized));
    }

    private static long hashBytes(ArrowBuf data, int start, int end) {
        long h = end - start;
        int i = start;
        for (; i + 8 <= end; i += 8) {
            h = (h ^ mix(data.getLong(i))) * 0x9e3779b97f4a7c15L;
        }
        long tail = 0;
        for (; i < end; i++) {
            tail = (tail << 8) | (data.getByte(i) & 0xff);
        }
        return mix(h ^ mix(tail));
    }
}
