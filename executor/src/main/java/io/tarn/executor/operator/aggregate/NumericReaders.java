package io.tarn.executor.operator.aggregate;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;

/** Typed readers of non-null numeric values, bound once per vector so inner loops do not dispatch on type. */
public final class NumericReaders {
    private NumericReaders() {
    }

    @FunctionalInterface
    public interface LongReader {
        long get(int row);
    }

    @FunctionalInterface
    public interface DoubleReader {
        double get(int row);
    }

    /** Integer-like values (integers, dates, times, timestamps, intervals, booleans as 0/1). */
    public static LongReader longs(FieldVector vector) {
        if (vector instanceof BigIntVector v) {
            return v::get;
        } else if (vector instanceof IntVector v) {
            return v::get;
        } else if (vector instanceof SmallIntVector v) {
            return v::get;
        } else if (vector instanceof TinyIntVector v) {
            return v::get;
        } else if (vector instanceof DateDayVector v) {
            return v::get;
        } else if (vector instanceof TimeMicroVector v) {
            return v::get;
        } else if (vector instanceof TimeStampVector v) {
            return v::get;
        } else if (vector instanceof BitVector v) {
            return v::get;
        }
        throw new IllegalArgumentException("not an integer column: " + vector.getField());
    }

    /** Any numeric value as a double. */
    public static DoubleReader doubles(FieldVector vector) {
        if (vector instanceof Float8Vector v) {
            return v::get;
        } else if (vector instanceof Float4Vector v) {
            return v::get;
        } else if (vector instanceof DecimalVector v) {
            double scale = Math.pow(10, v.getScale());
            ArrowBuf data = v.getDataBuffer();
            return row -> fitsInLong(data, row) ? data.getLong((long) row << 4) / scale : v.getObject(row).doubleValue();
        }
        LongReader longs = longs(vector);
        return row -> (double) longs.get(row);
    }

    /** Whether the 128-bit decimal at {@code row} is the sign extension of its low 64 bits. */
    static boolean fitsInLong(ArrowBuf decimalData, int row) {
        long low = decimalData.getLong((long) row << 4);
        long high = decimalData.getLong(((long) row << 4) + 8);
        return high == (low >> 63);
    }
}
