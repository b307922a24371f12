package io.tarn.catalog.parquet;

import io.tarn.catalog.type.DataType;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Stores a page's values into the data buffer of a fixed-width Arrow vector with the conversion {@link LeafConverter}
 * applies value by value (narrowing, unsigned widening, time units to micros, decimals unscaled), a run of values at
 * a time: from dictionary ids (the dictionary converted once to Arrow's layout), straight from PLAIN page bytes, or
 * from longs {@link ValueDecoding} decoded. Values are stored densely from the run's first row;
 * {@link #spread} then moves them to their rows when the run has nulls. VARCHAR / VARBINARY targets go through
 * {@link ArrowBytesWriter} instead ({@link #binary()}).
 */
final class ArrowColumnWriter {

    /** How a value lands in the vector; chosen once per column so the inner loops do not branch on types. */
    private enum Mode { BIT, INT8, INT16, INT32, INT64, UINT32_TO_INT64, MICROS, FLOAT4, FLOAT8_FROM_FLOAT, DECIMAL_FROM_LONG, BYTES, DECIMAL_FROM_BYTES }

    private static final int DECIMAL_WIDTH = 16;

    private final Mode mode;
    private final PrimitiveTypeName physical;
    /** Bytes of a FIXED_LEN_BYTE_ARRAY value. */
    private final int typeLength;
    private final long multiplier;
    private final long divisor;
    /** Bytes per value in the data buffer (0: one bit per value). */
    private final int width;
    /** One decimal's low and high words, reused. */
    private final long[] decimal = new long[2];

    private ArrowColumnWriter(Mode mode, PrimitiveType source, long multiplier, long divisor) {
        this.mode = mode;
        this.physical = source.getPrimitiveTypeName();
        this.typeLength = source.getTypeLength();
        this.multiplier = multiplier;
        this.divisor = divisor;
        this.width = switch (mode) {
            case BIT, BYTES -> 0;
            case INT8 -> 1;
            case INT16 -> 2;
            case INT32, FLOAT4 -> 4;
            case INT64, UINT32_TO_INT64, MICROS, FLOAT8_FROM_FLOAT -> 8;
            case DECIMAL_FROM_LONG, DECIMAL_FROM_BYTES -> DECIMAL_WIDTH;
        };
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
        return new ArrowColumnWriter(mode, source, unit == TimeUnit.MILLIS ? 1000 : 1, unit == TimeUnit.NANOS ? 1000 : 1);
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

    /** Whether the target is variable-width bytes, stored by {@link ArrowBytesWriter}. */
    boolean binary() {
        return mode == Mode.BYTES;
    }

    /** Whether the values come as {@link BinaryValues} rather than longs (decimals in FIXED_LEN_BYTE_ARRAY / BINARY). */
    boolean binarySource() {
        return mode == Mode.BYTES || mode == Mode.DECIMAL_FROM_BYTES;
    }

    // ---- dictionaries ----

    /** The dictionary's values in Arrow's layout: one long per value, two (low, high) for decimals. */
    long[] dictionary(long[] values, int count) {
        if (mode == Mode.DECIMAL_FROM_LONG) {
            long[] words = new long[2 * count];
            for (int i = 0; i < count; i++) {
                words[2 * i] = values[i];
                words[2 * i + 1] = values[i] >> 63;
            }
            return words;
        }
        long[] words = new long[count];
        for (int i = 0; i < count; i++) {
            words[i] = convert(values[i]);
        }
        return words;
    }

    /** As {@link #dictionary(long[], int)} for decimals stored as big-endian bytes. */
    long[] dictionary(BinaryValues values) {
        long[] words = new long[2 * values.count()];
        for (int i = 0; i < values.count(); i++) {
            int start = values.offsets()[i];
            decimalWords(values.data(), start, values.offsets()[i + 1] - start, words, 2 * i);
        }
        return words;
    }

    /** One value as stored in a data buffer word (narrower types take its low bytes). */
    private long convert(long value) {
        return switch (mode) {
            case UINT32_TO_INT64 -> value & 0xffff_ffffL;
            case MICROS -> Math.floorDiv(value * multiplier, divisor);
            case FLOAT8_FROM_FLOAT -> Double.doubleToRawLongBits(Float.intBitsToFloat((int) value));
            default -> value;
        };
    }

    /** Stores {@code dictionary[ids[0..count)]} (see {@link #dictionary}) densely from {@code row}. */
    void gather(ArrowBuf data, int row, int count, long[] dictionary, int[] ids) {
        if (mode == Mode.BIT) {
            for (int i = 0; i < count; i++) {
                if (dictionary[ids[i]] != 0) {
                    BitVectorHelper.setBit(data, row + i);
                }
            }
            return;
        }
        long address = address(data, row, count);
        switch (width) {
            case 1 -> {
                for (int i = 0; i < count; i++) {
                    MemoryUtil.putByte(address + i, (byte) dictionary[ids[i]]);
                }
            }
            case 2 -> {
                for (int i = 0; i < count; i++) {
                    MemoryUtil.putShort(address + 2L * i, (short) dictionary[ids[i]]);
                }
            }
            case 4 -> {
                for (int i = 0; i < count; i++) {
                    MemoryUtil.putInt(address + 4L * i, (int) dictionary[ids[i]]);
                }
            }
            case 8 -> {
                for (int i = 0; i < count; i++) {
                    MemoryUtil.putLong(address + 8L * i, dictionary[ids[i]]);
                }
            }
            default -> {
                for (int i = 0; i < count; i++) {
                    int word = 2 * ids[i];
                    MemoryUtil.putLong(address + 16L * i, dictionary[word]);
                    MemoryUtil.putLong(address + 16L * i + 8, dictionary[word + 1]);
                }
            }
        }
    }

    // ---- PLAIN pages ----

    /**
     * Whether {@link #copyPlain} reads PLAIN pages of this column directly: when the physical value already has
     * Arrow's layout, or is an integer or fixed-length decimal that only needs sign extension to 16 bytes.
     */
    boolean copiesPlain() {
        return switch (mode) {
            case INT32 -> physical == PrimitiveTypeName.INT32;
            case INT64 -> physical == PrimitiveTypeName.INT64 || physical == PrimitiveTypeName.DOUBLE;
            case MICROS -> physical == PrimitiveTypeName.INT64 && multiplier == 1 && divisor == 1;
            case FLOAT4, DECIMAL_FROM_LONG -> true;
            case DECIMAL_FROM_BYTES -> physical == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY;
            default -> false;
        };
    }

    /**
     * Stores {@code count} PLAIN values starting at {@code bytes[offset]} densely from {@code row}; returns the offset
     * after them.
     */
    int copyPlain(ArrowBuf data, int row, int count, byte[] bytes, int offset) {
        if (mode == Mode.DECIMAL_FROM_LONG) {
            long address = address(data, row, count);
            if (physical == PrimitiveTypeName.INT32) {
                for (int i = 0; i < count; i++) {
                    long value = PageBytes.getInt(bytes, offset + 4 * i);
                    MemoryUtil.putLong(address + 16L * i, value);
                    MemoryUtil.putLong(address + 16L * i + 8, value >> 63);
                }
                return offset + 4 * count;
            }
            for (int i = 0; i < count; i++) {
                long value = PageBytes.getLong(bytes, offset + 8 * i);
                MemoryUtil.putLong(address + 16L * i, value);
                MemoryUtil.putLong(address + 16L * i + 8, value >> 63);
            }
            return offset + 8 * count;
        }
        if (mode == Mode.DECIMAL_FROM_BYTES) {
            long address = address(data, row, count);
            for (int i = 0; i < count; i++) {
                decimalWords(bytes, offset + i * typeLength, typeLength, decimal, 0);
                MemoryUtil.putLong(address + 16L * i, decimal[0]);
                MemoryUtil.putLong(address + 16L * i + 8, decimal[1]);
            }
            return offset + count * typeLength;
        }
        data.setBytes((long) row * width, bytes, offset, (long) count * width); // same layout: one bulk copy
        return offset + count * width;
    }

    // ---- values decoded by ValueDecoding ----

    /** Stores {@code values[start..start+count)} densely from {@code row}. */
    void store(ArrowBuf data, int row, int count, long[] values, int start) {
        if (mode == Mode.BIT) {
            for (int i = 0; i < count; i++) {
                if (values[start + i] != 0) {
                    BitVectorHelper.setBit(data, row + i);
                }
            }
            return;
        }
        long address = address(data, row, count);
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
            case DECIMAL_FROM_LONG -> {
                for (int i = 0; i < count; i++) {
                    long value = values[start + i];
                    MemoryUtil.putLong(address + 16L * i, value);
                    MemoryUtil.putLong(address + 16L * i + 8, value >> 63);
                }
            }
            case INT64 -> {
                for (int i = 0; i < count; i++) {
                    MemoryUtil.putLong(address + 8L * i, values[start + i]);
                }
            }
            default -> {
                for (int i = 0; i < count; i++) {
                    MemoryUtil.putLong(address + 8L * i, convert(values[start + i]));
                }
            }
        }
    }

    /** Stores decimals {@code values[first..first+count)} (big-endian two's complement) densely from {@code row}. */
    void storeDecimals(ArrowBuf data, int row, int count, BinaryValues values, int first) {
        long address = address(data, row, count);
        for (int i = 0; i < count; i++) {
            int start = values.offsets()[first + i];
            decimalWords(values.data(), start, values.offsets()[first + i + 1] - start, decimal, 0);
            MemoryUtil.putLong(address + 16L * i, decimal[0]);
            MemoryUtil.putLong(address + 16L * i + 8, decimal[1]);
        }
    }

    /** Big-endian two's complement bytes (up to 16) as the low and high words of Arrow's 16-byte decimal. */
    private static void decimalWords(byte[] bytes, int start, int length, long[] words, int at) {
        if (length > DECIMAL_WIDTH) {
            throw new IllegalStateException("decimal of " + length + " bytes exceeds " + DECIMAL_WIDTH);
        }
        long low = length > 0 && bytes[start] < 0 ? -1L : 0L;
        long high = low;
        for (int i = 0; i < length; i++) {
            high = high << 8 | low >>> 56;
            low = low << 8 | (bytes[start + i] & 0xff);
        }
        words[at] = low;
        words[at + 1] = high;
    }

    // ---- nulls ----

    /**
     * Moves the {@code values} values stored densely from {@code row} to the rows {@code levels} marks as defined
     * (levels[levelOffset + i] for row + i, i < count), back to front so nothing is overwritten before it moved.
     * Null rows get zeros.
     */
    void spread(ArrowBuf data, int row, int count, int values, int[] levels, int levelOffset) {
        if (mode == Mode.BIT) {
            for (int i = count - 1, value = values - 1; i >= 0; i--) {
                boolean set = levels[levelOffset + i] != 0 && BitVectorHelper.get(data, row + value--) != 0;
                BitVectorHelper.setValidityBit(data, row + i, set ? 1 : 0);
            }
            return;
        }
        long address = address(data, row, count);
        for (int i = count - 1, value = values - 1; i >= 0 && value < i; i--) {
            long to = address + (long) i * width;
            if (levels[levelOffset + i] == 0) {
                MemoryUtil.setMemory(to, width, (byte) 0);
            } else {
                MemoryUtil.copyMemory(address + (long) value-- * width, to, width);
            }
        }
    }

    /** Sets the validity bits of rows row..row+count-1: all, or those {@code levels} marks defined. */
    static void markValid(ArrowBuf validity, int row, int count, int[] levels, int levelOffset) {
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

    /** The address of {@code row}, after one bounds check for the run: the loops above store unchecked. */
    private long address(ArrowBuf data, int row, int count) {
        long end = (long) (row + count) * width;
        if (data.capacity() < end) {
            throw new IllegalStateException("vector of " + data.capacity() + " bytes cannot hold " + end);
        }
        return data.memoryAddress() + (long) row * width;
    }
}
