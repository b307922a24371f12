package io.tarn.catalog.parquet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A decoded BYTE_ARRAY / FIXED_LEN_BYTE_ARRAY dictionary that turns a page's ids into adjacent values. Short
 * entries (the usual flags and codes) are copied as one 8-byte word each instead of byte by byte.
 */
final class BinaryDictionary {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int WORD = 8;

    private final BinaryValues values;
    private final int[] lengths;
    /** Each entry's bytes in a little-endian word, or null when some entry is longer than a word. */
    private final long[] words;

    BinaryDictionary(BinaryValues values) {
        this.values = values;
        int size = values.count();
        this.lengths = new int[size];
        long[] packed = new long[size];
        boolean short8 = true;
        for (int i = 0; i < size; i++) {
            int length = values.length(i);
            lengths[i] = length;
            if (length > WORD) {
                short8 = false;
                continue;
            }
            long word = 0;
            for (int b = 0; b < length; b++) {
                word |= (long) (values.data()[values.offsets()[i] + b] & 0xff) << (8 * b);
            }
            packed[i] = word;
        }
        this.words = short8 ? packed : null;
    }

    /** The entries {@code ids[0..count)}, copied next to each other. */
    BinaryValues gather(int[] ids, int count) {
        int[] offsets = new int[count + 1];
        int total = 0;
        for (int i = 0; i < count; i++) {
            total += lengths[ids[i]];
            offsets[i + 1] = total;
        }
        // spare room so the last word store may run past the final value
        byte[] data = new byte[total + WORD];
        if (words != null) {
            for (int i = 0; i < count; i++) {
                LONG.set(data, offsets[i], words[ids[i]]);
            }
        } else {
            byte[] source = values.data();
            int[] sourceOffsets = values.offsets();
            for (int i = 0; i < count; i++) {
                int id = ids[i];
                System.arraycopy(source, sourceOffsets[id], data, offsets[i], lengths[id]);
            }
        }
        return new BinaryValues(data, offsets, count);
    }
}
