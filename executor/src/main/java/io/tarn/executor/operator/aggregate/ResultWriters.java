package io.tarn.executor.operator.aggregate;

import io.tarn.executor.ExecutionException;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TinyIntVector;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Writes computed aggregate (and window function) values into the vector of the result type, checking its range. */
public final class ResultWriters {
    private ResultWriters() {
    }

    public static void writeLong(FieldVector target, int index, long value) {
        if (target instanceof BigIntVector v) {
            v.setSafe(index, value);
        } else if (target instanceof IntVector v) {
            v.setSafe(index, (int) checkRange(value, Integer.MIN_VALUE, Integer.MAX_VALUE, "INTEGER"));
        } else if (target instanceof SmallIntVector v) {
            v.setSafe(index, (short) checkRange(value, Short.MIN_VALUE, Short.MAX_VALUE, "SMALLINT"));
        } else if (target instanceof TinyIntVector v) {
            v.setSafe(index, (byte) checkRange(value, Byte.MIN_VALUE, Byte.MAX_VALUE, "TINYINT"));
        } else if (target instanceof Float8Vector v) {
            v.setSafe(index, (double) value);
        } else if (target instanceof Float4Vector v) {
            v.setSafe(index, (float) value);
        } else if (target instanceof DecimalVector v) {
            writeDecimal(v, index, BigDecimal.valueOf(value));
        } else {
            throw new IllegalArgumentException("cannot write a number into " + target.getField());
        }
    }

    public static void writeDouble(FieldVector target, int index, double value) {
        if (target instanceof Float8Vector v) {
            v.setSafe(index, value);
        } else if (target instanceof Float4Vector v) {
            v.setSafe(index, (float) value);
        } else if (Double.isFinite(value)) {
            writeDecimal(target, index, BigDecimal.valueOf(value));
        } else {
            throw new ExecutionException(ExecutionException.NUMERIC_OUT_OF_RANGE,
                    "value " + value + " out of range for " + target.getField().getType());
        }
    }

    /**
     * Writes a 128-bit unscaled value, already at the target's scale and within its precision, straight into its
     * slot, without a BigDecimal.
     */
    static void writeUnscaled(DecimalVector target, int index, long high, long low) {
        while (index >= target.getValueCapacity()) {
            target.reAlloc();
        }
        BitVectorHelper.setBit(target.getValidityBuffer(), index);
        ArrowBuf data = target.getDataBuffer();
        data.setLong((long) index * DecimalVector.TYPE_WIDTH, low);
        data.setLong((long) index * DecimalVector.TYPE_WIDTH + 8, high);
    }

    /** Writes {@code value}, rounding HALF_UP to a decimal target's scale or truncating toward zero for integers. */
    public static void writeDecimal(FieldVector target, int index, BigDecimal value) {
        if (target instanceof DecimalVector v) {
            BigDecimal scaled = value.setScale(v.getScale(), RoundingMode.HALF_UP);
            if (scaled.precision() - scaled.scale() > v.getPrecision() - v.getScale()) {
                throw new ExecutionException(ExecutionException.NUMERIC_OUT_OF_RANGE,
                        "value " + scaled + " out of range for DECIMAL(" + v.getPrecision() + ", " + v.getScale() + ")");
            }
            v.setSafe(index, scaled);
        } else if (target instanceof Float8Vector || target instanceof Float4Vector) {
            writeDouble(target, index, value.doubleValue());
        } else {
            BigDecimal truncated = value.setScale(0, RoundingMode.DOWN);
            if (truncated.unscaledValue().bitLength() > 63) {
                throw new ExecutionException(ExecutionException.NUMERIC_OUT_OF_RANGE,
                        "value " + truncated + " out of range for " + target.getField().getType());
            }
            writeLong(target, index, truncated.longValueExact());
        }
    }

    public static void writeNull(FieldVector target, int index) {
        while (index >= target.getValueCapacity()) {
            target.reAlloc();
        }
        target.setNull(index);
    }

    private static long checkRange(long value, long min, long max, String type) {
        if (value < min || value > max) {
            throw new ExecutionException(ExecutionException.NUMERIC_OUT_OF_RANGE, "value " + value + " out of range for " + type);
        }
        return value;
    }
}
