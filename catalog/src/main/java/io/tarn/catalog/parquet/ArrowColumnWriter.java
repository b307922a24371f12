package io.tarn.catalog.parquet;

import io.tarn.catalog.type.DataType;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

import java.nio.ByteOrder;

/**
 * Stores decoded page values into an Arrow vector with the conversion {@link LeafConverter} applies value by value
 * (narrowing, unsigned widening, time units to micros, decimals unscaled), but a run of rows at a time with bulk
 * copies into the Arrow buffers. Definition levels, when present, hold 1 for a value and 0 for a null.
 */
final class ArrowColumnWriter {

    /** How a value lands in the vector; chosen once per column so the inner loops do not branch on types. */
    private enum Mode { BIT, INT8, INT16, INT32, INT64, UINT32_TO_INT64, MICROS, FLOAT4, FLOAT8_FROM_FLOAT, DECIMAL_FROM_LONG, BYTES, DECIMAL_FROM_BYTES }

    private final Mode mode;
    private final long multiplier;
    private final long divisor;
    private long[] scratch = new long[0];

    private ArrowColumnWriter(Mode mode, long multiplier, long divisor) {
        this.mode = mode;
        this.multiplier = multiplier;
        this.divisor = divisor;
    }

    /** The writer for {@code source} read as {@code target}, or null when only the value-at-a-time path handles it. */
    static ArrowColumnWriter create(PrimitiveType source, DataType target) {
        PrimitiveTypeName physical = source.getPrimitiveTypeName();
        LogicalTypeAnnotation annotation = source.getLogicalTypeAnnotation();
        boolean integral = physical == PrimitiveTypeName.INT32 || physical == PrimitiveTypeName.INT64;
        Mode mode = switch (target.kind()) {
            case BOOLEAN -> physical == PrimitiveTypeName.BOOLEAN ? Mode.BIT : null;
            case TINYINT -> integral ? Mode.INT8 : null;
            case SMALLINT -> integral ? Mode.INT16 : null;
            case INTEGER -> integral ? Mode.INT32 : null;
            case BIGINT -> !integral ? null : isUnsigned32(annotation) ? Mode.UINT32_TO_INT64 : Mode.INT64;
            case DATE -> physical == PrimitiveTypeName.INT32 ? Mode.INT32 : null;
            case REAL -> physical == PrimitiveTypeName.FLOAT ? Mode.FLOAT4 : null;
            case DOUBLE -> physical == PrimitiveTypeName.DOUBLE ? Mode.INT64
                    : physical == PrimitiveTypeName.FLOAT ? Mode.FLOAT8_FROM_FLOAT : null;
            case CHAR, VARCHAR, BINARY, VARBINARY -> ValueDecoding.isBinary(physical) ? Mode.BYTES : null;
            case TIME, TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> integral || physical == PrimitiveTypeName.INT96
                    ? Mode.MICROS : null;
            case DECIMAL -> decimalMode(physical, annotation, target);
            default -> null;
        };
        if (mode == null) {
            return null;
        }
        TimeUnit unit = unitOf(annotation);
        return new ArrowColumnWriter(mode, unit == TimeUnit.MILLIS ? 1000 : 1, unit == TimeUnit.NANOS ? 1000 : 1);
    }

    private static Mode decimalMode(PrimitiveTypeName physical, LogicalTypeAnnotation annotation, DataType target) {
        if (!(annotation instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal)
                || decimal.getScale() != target.scale()) {
            return null; // rescaling and unsigned decimals stay on the exact BigDecimal path
        }
        return switch (physical) {
            case INT32, INT64 -> Mode.DECIMAL_FROM_LONG;
            case BINARY, FIXED_LEN_BYTE_ARRAY -> Mode.DECIMAL_FROM_BYTES;
            default -> null;
        };
    }

    private static boolean isUnsigned32(LogicalTypeAnnotation annotation) {
        return annotation instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation integer
                && !integer.isSigned() && integer.getBitWidth() == 32;
    }

    private static TimeUnit unitOf(LogicalTypeAnnotation annotation) {
        if (annotation instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts) {
            return ts.getUnit();
        }
        if (annotation instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation time) {
            return time.getUnit();
        }
        return TimeUnit.MICROS;
    }

    boolean binary() {
        return mode == Mode.BYTES || mode == Mode.DECIMAL_FROM_BYTES;
    }

    /**
     * Stores rows {@code row..row+count} from {@code values[first..]} (only non-null rows consume a value); returns
     * how many values were consumed. {@code levels} is null when every row has a value.
     */
    int writeLongs(FieldVector vector, int row, int count, long[] values, int first, int[] levels, int levelOffset) {
        long[] rowValues = values;
        int start = first;
        int consumed = count;
        if (levels != null) {
            rowValues = scratch(count);
            start = 0;
            consumed = 0;
            for (int i = 0; i < count; i++) {
                if (levels[levelOffset + i] != 0) {
                    rowValues[i] = values[first + consumed++];
                }
            }
        }
        store(vector, row, count, rowValues, start);
        markValid(vector.getValidityBuffer(), row, count, levels, levelOffset);
        return consumed;
    }

    private long[] scratch(int count) {
        if (scratch.length < count) {
            scratch = new long[Math.max(count, 2 * scratch.length)];
        }
        return scratch;
    }

    private void store(FieldVector vector, int row, int count, long[] values, int start) {
        ArrowBuf data = vector.getDataBuffer();
        if (mode == Mode.BIT) {
            for (int i = 0; i < count; i++) {
                if (values[start + i] != 0) {
                    BitVectorHelper.setBit(data, row + i);
                }
            }
            return;
        }
        if (mode == Mode.INT64) {
            putLongs(data, 8L * row, values, start, count);
            return;
        }
        int width = switch (mode) {
            case INT8 -> 1;
            case INT16 -> 2;
            case INT32, FLOAT4 -> 4;
            case DECIMAL_FROM_LONG -> 16;
            default -> 8;
        };
        // one bounds check per run, then unchecked stores: the loops below are the decoder's hottest
        long end = (long) (row + count) * width;
        if (data.capacity() < end) {
            throw new IllegalStateException("vector of " + data.capacity() + " bytes cannot hold " + end);
        }
        long address = data.memoryAddress() + (long) row * width;
        switch (mode) {
            case INT8 -> {
                for (int i = 0; i < count; i++) {
                    MemoryUtil.putByte(address + i, (byte) values[start + i]);
                }
            }
            case INT16 -> {
                for (int i = 0; i < count; i++) {
                    MemoryUtil.putShort(address + 2L * i, (short) values[start + i]);
                }
            }
            case INT32, FLOAT4 -> {
                for (int i = 0; i < count; i++) {
                    MemoryUtil.putInt(address + 4L * i, (int) values[start + i]);
                }
            }
            case UINT32_TO_INT64 -> {
                for (int i = 0; i < count; i++) {
                    MemoryUtil.putLong(address + 8L * i, values[start + i] & 0xffff_ffffL);
                }
            }
            case MICROS -> {
                for (int i = 0; i < count; i++) {
                    MemoryUtil.putLong(address + 8L * i, Math.floorDiv(values[start + i] * multiplier, divisor));
                }
            }
            case FLOAT8_FROM_FLOAT -> {
                for (int i = 0; i < count; i++) {
                    MemoryUtil.putLong(address + 8L * i,
                            Double.doubleToRawLongBits(Float.intBitsToFloat((int) values[start + i])));
                }
            }
            case DECIMAL_FROM_LONG -> {
                for (int i = 0; i < count; i++) {
                    long value = values[start + i];
                    MemoryUtil.putLong(address + 16L * i, value);
                    MemoryUtil.putLong(address + 16L * i + 8, value >> 63);
                }
            }
            default -> throw new IllegalStateException("not a fixed-width mode: " + mode);
        }
    }

    private static void putLongs(ArrowBuf data, long byteOffset, long[] values, int start, int count) {
        data.nioBuffer(byteOffset, 8 * count).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().put(values, start, count);
    }

    /** As {@link #writeLongs} for byte-array values. */
    int writeBinaries(FieldVector vector, int row, int count, BinaryValues values, int first, int[] levels, int levelOffset) {
        int consumed = count;
        if (levels != null) {
            consumed = 0;
            for (int i = 0; i < count; i++) {
                consumed += levels[levelOffset + i];
            }
        }
        if (mode == Mode.DECIMAL_FROM_BYTES) {
            storeDecimals(vector.getDataBuffer(), row, count, values, first, levels, levelOffset);
        } else {
            storeBytes((BaseVariableWidthVector) vector, row, count, values, first, consumed, levels, levelOffset);
        }
        markValid(vector.getValidityBuffer(), row, count, levels, levelOffset);
        return consumed;
    }

    private static void storeBytes(BaseVariableWidthVector vector, int row, int count, BinaryValues values, int first,
                                   int consumed, int[] levels, int levelOffset) {
        ArrowBuf offsetBuffer = vector.getOffsetBuffer();
        int base = offsetBuffer.getInt(4L * row);
        int[] valueOffsets = values.offsets();
        int dataStart = valueOffsets[first];
        int byteCount = valueOffsets[first + consumed] - dataStart;
        while (vector.getDataBuffer().capacity() < (long) base + byteCount) {
            vector.reallocDataBuffer();
        }
        vector.getDataBuffer().setBytes(base, values.data(), dataStart, byteCount);
        long endOffsets = 4L * (row + 1 + count);
        if (offsetBuffer.capacity() < endOffsets) {
            throw new IllegalStateException("offset buffer of " + offsetBuffer.capacity() + " bytes cannot hold " + endOffsets);
        }
        long address = offsetBuffer.memoryAddress() + 4L * (row + 1);
        int shift = base - dataStart;
        if (levels == null) {
            for (int i = 0; i < count; i++) {
                MemoryUtil.putInt(address + 4L * i, valueOffsets[first + 1 + i] + shift);
            }
        } else {
            int value = first;
            for (int i = 0; i < count; i++) {
                value += levels[levelOffset + i];
                MemoryUtil.putInt(address + 4L * i, valueOffsets[value] + shift);
            }
        }
        vector.setLastSet(row + count - 1);
    }

    /** Big-endian two's complement bytes (up to 16) sign-extended into Arrow's 16-byte little-endian decimal. */
    private static void storeDecimals(ArrowBuf data, int row, int count, BinaryValues values, int first, int[] levels,
                                      int levelOffset) {
        byte[] bytes = values.data();
        int[] offsets = values.offsets();
        int value = first;
        byte[] decimal = new byte[16];
        for (int i = 0; i < count; i++) {
            if (levels != null && levels[levelOffset + i] == 0) {
                continue;
            }
            int start = offsets[value];
            int length = offsets[value + 1] - start;
            value++;
            if (length > 16) {
                throw new IllegalStateException("decimal of " + length + " bytes exceeds 16");
            }
            byte sign = length > 0 && bytes[start] < 0 ? (byte) -1 : 0;
            for (int b = 0; b < 16; b++) {
                decimal[b] = b < length ? bytes[start + length - 1 - b] : sign;
            }
            data.setBytes(16L * (row + i), decimal);
        }
    }

    private static void markValid(ArrowBuf validity, int row, int count, int[] levels, int levelOffset) {
        if (levels != null) {
            for (int i = 0; i < count; i++) {
                if (levels[levelOffset + i] != 0) {
                    BitVectorHelper.setBit(validity, row + i);
                }
            }
            return;
        }
        int i = row;
        int end = row + count;
        while (i < end && (i & 7) != 0) {
            BitVectorHelper.setBit(validity, i++);
        }
        int wholeBytes = (end - i) >>> 3;
        if (wholeBytes > 0) {
            validity.setOne(i >>> 3, wholeBytes);
            i += wholeBytes << 3;
        }
        while (i < end) {
            BitVectorHelper.setBit(validity, i++);
        }
    }
}
