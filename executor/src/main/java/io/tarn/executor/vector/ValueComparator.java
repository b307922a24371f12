package io.tarn.executor.vector;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;

/**
 * Compares the values of two vectors of the same type, bound once so the per-row call does no type dispatch.
 * Strings compare by UTF-8 bytes (= code point order); doubles put NaN last and -0.0 equal to 0.0.
 */
@FunctionalInterface
public interface ValueComparator {

    /** Compares non-null value {@code i} of the left vector with non-null value {@code j} of the right vector. */
    int compare(int i, int j);

    /** A comparator between {@code left} and {@code right} (which may be the same vector). */
    static ValueComparator of(FieldVector left, FieldVector right) {
        if (left instanceof NullVector || right instanceof NullVector) {
            // NULL-typed columns hold no values to compare
            return (i, j) -> 0;
        } else if (left instanceof IntVector a && right instanceof IntVector b) {
            return (i, j) -> Integer.compare(a.get(i), b.get(j));
        } else if (left instanceof BigIntVector a && right instanceof BigIntVector b) {
            return (i, j) -> Long.compare(a.get(i), b.get(j));
        } else if (left instanceof DateDayVector a && right instanceof DateDayVector b) {
            return (i, j) -> Integer.compare(a.get(i), b.get(j));
        } else if (left instanceof DecimalVector a && right instanceof DecimalVector b) {
            return decimalComparator(a, b);
        } else if (left instanceof BaseVariableWidthVector a && right instanceof BaseVariableWidthVector b) {
            return (i, j) -> compareBytes(a.getDataBuffer(), a.getStartOffset(i), a.getEndOffset(i),
                    b.getDataBuffer(), b.getStartOffset(j), b.getEndOffset(j));
        } else if (left instanceof Float8Vector a && right instanceof Float8Vector b) {
            return (i, j) -> compareDoubles(a.get(i), b.get(j));
        } else if (left instanceof Float4Vector a && right instanceof Float4Vector b) {
            return (i, j) -> compareDoubles(a.get(i), b.get(j));
        } else if (left instanceof TimeStampVector a && right instanceof TimeStampVector b) {
            return (i, j) -> Long.compare(a.get(i), b.get(j));
        } else if (left instanceof TimeMicroVector a && right instanceof TimeMicroVector b) {
            return (i, j) -> Long.compare(a.get(i), b.get(j));
        } else if (left instanceof SmallIntVector a && right instanceof SmallIntVector b) {
            return (i, j) -> Short.compare(a.get(i), b.get(j));
        } else if (left instanceof TinyIntVector a && right instanceof TinyIntVector b) {
            return (i, j) -> Byte.compare(a.get(i), b.get(j));
        } else if (left instanceof BitVector a && right instanceof BitVector b) {
            return (i, j) -> Integer.compare(a.get(i), b.get(j));
        }
        throw new IllegalArgumentException("cannot compare " + left.getField().getType() + " with " + right.getField().getType());
    }

    /** SQL order of two doubles: -0.0 equals 0.0, NaN is greater than everything and equal to itself. */
    static int compareDoubles(double a, double b) {
        if (a < b) {
            return -1;
        }
        if (a > b) {
            return 1;
        }
        return a == b ? 0 : Boolean.compare(Double.isNaN(a), Double.isNaN(b));
    }

    /** Unsigned lexicographic order of two byte ranges. */
    static int compareBytes(ArrowBuf a, int aStart, int aEnd, ArrowBuf b, int bStart, int bEnd) {
        int length = Math.min(aEnd - aStart, bEnd - bStart);
        int k = 0;
        for (; k + Long.BYTES <= length; k += Long.BYTES) {
            long x = a.getLong(aStart + k);
            long y = b.getLong(bStart + k);
            if (x != y) {
                // little-endian loads: reversing puts the first byte in the most significant position
                return Long.compareUnsigned(Long.reverseBytes(x), Long.reverseBytes(y));
            }
        }
        for (; k < length; k++) {
            int x = a.getByte(aStart + k) & 0xff;
            int y = b.getByte(bStart + k) & 0xff;
            if (x != y) {
                return x - y;
            }
        }
        return Integer.compare(aEnd - aStart, bEnd - bStart);
    }

    private static ValueComparator decimalComparator(DecimalVector a, DecimalVector b) {
        if (a.getScale() != b.getScale()) {
            return (i, j) -> a.getObject(i).compareTo(b.getObject(j));
        }
        return (i, j) -> {
            ArrowBuf x = a.getDataBuffer();
            ArrowBuf y = b.getDataBuffer();
            long xHigh = x.getLong(((long) i << 4) + 8);
            long yHigh = y.getLong(((long) j << 4) + 8);
            if (xHigh != yHigh) {
                return Long.compare(xHigh, yHigh);
            }
            return Long.compareUnsigned(x.getLong((long) i << 4), y.getLong((long) j << 4));
        };
    }
}
