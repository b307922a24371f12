package io.tarn.catalog.parquet;

import org.apache.parquet.bytes.BytesInput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The decompressed bytes of one page section in an array with 8 spare bytes after them, so bit unpacking may always
 * read a whole little-endian long without bounds juggling. {@link PageDecompression} decompresses into such arrays;
 * other bytes are copied into one.
 */
final class PageBytes {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final int PADDING = 8;

    final byte[] bytes;
    /** Bytes of real data; everything after is padding. */
    final int length;

    private PageBytes(byte[] bytes, int length) {
        this.bytes = bytes;
        this.length = length;
    }

    static PageBytes of(BytesInput input) {
        try {
            ByteBuffer buffer = input.toByteBuffer();
            int length = buffer.remaining();
            if (buffer.hasArray() && buffer.arrayOffset() + buffer.position() == 0
                    && buffer.array().length >= length + PADDING) {
                return new PageBytes(buffer.array(), length);
            }
            byte[] bytes = new byte[length + PADDING];
            buffer.duplicate().get(bytes, 0, length);
            return new PageBytes(bytes, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long getLong(byte[] bytes, int offset) {
        return (long) LONG.get(bytes, offset);
    }

    static int getInt(byte[] bytes, int offset) {
        return (int) INT.get(bytes, offset);
    }

    /** Unsigned LEB128 varint at {@code cursor[0]}, advancing it. */
    static long readUleb(byte[] bytes, int[] cursor) {
        long value = 0;
        int shift = 0;
        int pos = cursor[0];
        while (true) {
            byte b = bytes[pos++];
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                cursor[0] = pos;
                return value;
            }
            shift += 7;
        }
    }

    static long readZigZag(byte[] bytes, int[] cursor) {
        long raw = readUleb(bytes, cursor);
        return (raw >>> 1) ^ -(raw & 1);
    }

    /**
     * Unpacks {@code count} values of {@code bitWidth} bits (0..64), packed least significant bit first from
     * {@code offset}, into {@code out[outOffset..]}. The array must have {@link #PADDING} readable bytes past the data.
     */
    static void unpackLongs(byte[] bytes, int offset, int bitWidth, long[] out, int outOffset, int count) {
        if (bitWidth == 0) {
            Arrays.fill(out, outOffset, outOffset + count, 0L);
            return;
        }
        long mask = bitWidth == 64 ? -1L : (1L << bitWidth) - 1;
        long bit = (long) offset * 8;
        for (int i = 0; i < count; i++, bit += bitWidth) {
            int at = (int) (bit >>> 3);
            int shift = (int) (bit & 7);
            long value = getLong(bytes, at) >>> shift;
            if (shift + bitWidth > 64) {
                value |= (long) (bytes[at + 8] & 0xff) << (64 - shift);
            }
            out[outOffset + i] = value & mask;
        }
    }

    /** As {@link #unpackLongs} for widths up to 32. */
    static void unpackInts(byte[] bytes, int offset, int bitWidth, int[] out, int outOffset, int count) {
        if (bitWidth == 0) {
            Arrays.fill(out, outOffset, outOffset + count, 0);
            return;
        }
        long mask = (1L << bitWidth) - 1;
        int done = 0;
        if (bitWidth <= 8) {
            // 8 values of up to 8 bits fill at most one little-endian long: one load per group
            for (int group = offset; done + 8 <= count; done += 8, group += bitWidth) {
                long word = getLong(bytes, group);
                int at = outOffset + done;
                for (int j = 0; j < 8; j++) {
                    out[at + j] = (int) ((word >>> (j * bitWidth)) & mask);
                }
            }
        }
        long bit = (long) offset * 8 + (long) done * bitWidth;
        for (int i = done; i < count; i++, bit += bitWidth) {
            out[outOffset + i] = (int) ((getLong(bytes, (int) (bit >>> 3)) >>> (bit & 7)) & mask);
        }
    }
}
