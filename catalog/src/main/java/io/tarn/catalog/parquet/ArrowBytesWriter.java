package io.tarn.catalog.parquet;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseVariableWidthVector;

/**
 * Stores byte-array values into a VARCHAR / VARBINARY Arrow vector a run at a time: dictionary entries by id, values
 * straight from a PLAIN page, or {@link BinaryValues} decoded from the other encodings. As in
 * {@link ArrowColumnWriter}, values are stored densely from the run's first row and {@link #spread} then places them
 * at their rows when the run has nulls (null rows get empty slots).
 */
final class ArrowBytesWriter {
    private static final int WORD = BinaryDictionary.WORD;

    private ArrowBytesWriter() {
    }

    /** Stores dictionary entries {@code ids[0..count)} densely from {@code row}. */
    static void gather(BaseVariableWidthVector vector, int row, int count, BinaryDictionary dictionary, int[] ids) {
        int start = startOffset(vector, row);
        long offsets = offsetAddress(vector, row, count);
        int[] lengths = dictionary.lengths;
        long[] words = dictionary.words;
        if (words != null) {
            // one pass: room for the longest entry each, then a word stored per value
            long data = reserve(vector, start, (long) count * dictionary.maxLength) + start;
            int end = 0;
            for (int i = 0; i < count; i++) {
                int id = ids[i];
                MemoryUtil.putLong(data + end, words[id]);
                end += lengths[id];
                MemoryUtil.putInt(offsets + 4L * i, start + end);
            }
        } else {
            long total = 0;
            for (int i = 0; i < count; i++) {
                total += lengths[ids[i]];
            }
            long data = reserve(vector, start, total) + start;
            byte[] bytes = dictionary.values.data();
            int[] entries = dictionary.values.offsets();
            int end = 0;
            for (int i = 0; i < count; i++) {
                int id = ids[i];
                MemoryUtil.copyToMemory(bytes, entries[id], data + end, lengths[id]);
                end += lengths[id];
                MemoryUtil.putInt(offsets + 4L * i, start + end);
            }
        }
        vector.setLastSet(row + count - 1);
    }

    /**
     * Stores {@code count} PLAIN values starting at {@code bytes[offset]} (each a 4-byte length and its bytes, or
     * {@code fixedLength} bytes each when positive) densely from {@code row}; returns the offset after them.
     */
    static int copyPlain(BaseVariableWidthVector vector, int row, int count, byte[] bytes, int offset, int fixedLength) {
        int end = startOffset(vector, row);
        long offsets = offsetAddress(vector, row, count);
        if (fixedLength > 0) {
            long total = (long) count * fixedLength;
            reserve(vector, end, total);
            vector.getDataBuffer().setBytes(end, bytes, offset, total);
            for (int i = 0; i < count; i++) {
                MemoryUtil.putInt(offsets + 4L * i, end + (i + 1) * fixedLength);
            }
            vector.setLastSet(row + count - 1);
            return offset + (int) total;
        }
        long total = 0;
        int at = offset;
        for (int i = 0; i < count; i++) {
            int length = PageBytes.getInt(bytes, at);
            // the copies below are unchecked, so a damaged length must not reach past the page
            if (length < 0 || at + 4L + length > bytes.length) {
                throw new IllegalStateException("byte array length " + length + " runs past the page");
            }
            total += length;
            at += 4 + length;
        }
        long data = reserve(vector, end, total);
        at = offset;
        for (int i = 0; i < count; i++) {
            int length = PageBytes.getInt(bytes, at);
            MemoryUtil.copyToMemory(bytes, at + 4, data + end, length);
            end += length;
            at += 4 + length;
            MemoryUtil.putInt(offsets + 4L * i, end);
        }
        vector.setLastSet(row + count - 1);
        return at;
    }

    /** Stores {@code values[first..first+count)} densely from {@code row}; they are adjacent, so one copy. */
    static void store(BaseVariableWidthVector vector, int row, int count, BinaryValues values, int first) {
        int base = startOffset(vector, row);
        int[] valueOffsets = values.offsets();
        int dataStart = valueOffsets[first];
        int byteCount = valueOffsets[first + count] - dataStart;
        reserve(vector, base, byteCount);
        vector.getDataBuffer().setBytes(base, values.data(), dataStart, byteCount);
        long offsets = offsetAddress(vector, row, count);
        int shift = base - dataStart;
        for (int i = 0; i < count; i++) {
            MemoryUtil.putInt(offsets + 4L * i, valueOffsets[first + 1 + i] + shift);
        }
        vector.setLastSet(row + count - 1);
    }

    /**
     * Moves the end offsets of the {@code values} values stored densely from {@code row} to the rows {@code levels}
     * marks as defined (levels[levelOffset + i] for row + i, i < count), back to front; a null row ends where the
     * value before it ends, so it is empty. The bytes stay where they are.
     */
    static void spread(BaseVariableWidthVector vector, int row, int count, int values, int[] levels, int levelOffset) {
        long start = offsetAddress(vector, row, count) - 4; // the offset where row `row` starts
        for (int i = count - 1, before = values; i >= 0 && before <= i; i--) {
            if (levels[levelOffset + i] != 0) {
                before--;
                MemoryUtil.putInt(start + 4L * (i + 1), MemoryUtil.getInt(start + 4L * (before + 1)));
            } else {
                MemoryUtil.putInt(start + 4L * (i + 1), MemoryUtil.getInt(start + 4L * before));
            }
        }
        vector.setLastSet(row + count - 1);
    }

    private static int startOffset(BaseVariableWidthVector vector, int row) {
        return vector.getOffsetBuffer().getInt(4L * row);
    }

    /** The address of the end offset of {@code row}, after one bounds check for the run's offsets. */
    private static long offsetAddress(BaseVariableWidthVector vector, int row, int count) {
        ArrowBuf offsets = vector.getOffsetBuffer();
        long end = 4L * (row + 1 + count);
        if (offsets.capacity() < end) {
            throw new IllegalStateException("offset buffer of " + offsets.capacity() + " bytes cannot hold " + end);
        }
        return offsets.memoryAddress() + 4L * (row + 1);
    }

    /**
     * Grows the data buffer to hold {@code bytes} more from {@code start}, plus a word of slack for the whole-word
     * stores of {@link BinaryDictionary#words} (the next value overwrites what they store past their entry); returns
     * its address.
     */
    private static long reserve(BaseVariableWidthVector vector, int start, long bytes) {
        long needed = start + bytes + WORD;
        if (needed > Integer.MAX_VALUE) {
            throw new IllegalStateException("more than 2 GB of bytes in one batch");
        }
        while (vector.getDataBuffer().capacity() < needed) {
            vector.reallocDataBuffer();
        }
        return vector.getDataBuffer().memoryAddress();
    }
}
