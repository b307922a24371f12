package io.tarn.executor.vector;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * VARCHAR values of at most {@value #MAX_BYTES} bytes packed into {@code long}s, so that hash tables can compare such
 * keys (flags, codes, short names) as array elements like {@link IntegerColumns}. A value's bytes fill the low 56 bits,
 * first byte lowest, and its length the top 8: equal longs mean equal strings. A NULL reads as 0; callers track nulls
 * themselves.
 */
public final class ShortStrings {
    public static final int MAX_BYTES = 7;

    private ShortStrings() {
    }

    /** Whether columns of this field are VARCHAR (or CHAR), which {@link #read} can pack. */
    public static boolean isString(Field field) {
        return field.getType() instanceof ArrowType.Utf8;
    }

    /**
     * Packs rows {@code 0..rowCount} of {@code vector} into {@code target[offset..]}; false as soon as a non-NULL value
     * is longer than {@value #MAX_BYTES} bytes, leaving {@code target} partly written.
     */
    public static boolean read(FieldVector vector, int rowCount, long[] target, int offset) {
        if (rowCount == 0) {
            return true;
        }
        BaseVariableWidthVector strings = (BaseVariableWidthVector) vector;
        ArrowBuf offsets = strings.getOffsetBuffer();
        ArrowBuf data = strings.getDataBuffer();
        // the buffers are checked once and then read by address: checked ArrowBuf reads, each also testing the
        // buffer's reference count, took most of this loop's time for q1's one-byte flags. Each offset is compared
        // with the checked range, so a malformed vector fails here instead of reading outside its data buffer.
        offsets.checkBytes(0, (long) (rowCount + 1) * BaseVariableWidthVector.OFFSET_WIDTH);
        long offsetAddress = offsets.memoryAddress();
        int start = MemoryUtil.getInt(offsetAddress);
        int last = MemoryUtil.getInt(offsetAddress + (long) rowCount * BaseVariableWidthVector.OFFSET_WIDTH);
        data.checkBytes(start, last);
        long dataAddress = data.memoryAddress();
        for (int row = 0; row < rowCount; row++) {
            int end = MemoryUtil.getInt(offsetAddress + (long) (row + 1) * BaseVariableWidthVector.OFFSET_WIDTH);
            if (end < start || end > last) {
                throw new IllegalStateException("offsets of a string vector leave their range at row " + row);
            }
            int length = end - start;
            if (length > MAX_BYTES) {
                if (!strings.isNull(row)) {
                    return false;
                }
                target[offset + row] = 0;
            } else {
                long packed = (long) length << 56;
                for (int i = 0; i < length; i++) {
                    packed |= (MemoryUtil.getByte(dataAddress + start + i) & 0xFFL) << (i << 3);
                }
                target[offset + row] = packed;
            }
            start = end;
        }
        return true;
    }
}
