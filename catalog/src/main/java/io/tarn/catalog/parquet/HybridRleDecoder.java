package io.tarn.catalog.parquet;

import java.util.Arrays;

/**
 * Parquet's RLE / bit-packed hybrid encoding (definition levels, dictionary indices, RLE booleans), decoded in bulk
 * into an int array: each run header is read once, then a whole run is filled or unpacked.
 */
final class HybridRleDecoder {
    private final byte[] bytes;
    private final int end;
    private final int bitWidth;
    private final int[] cursor = new int[1];
    private int runLeft;
    private boolean repeated;
    private int repeatedValue;
    /** Start of the bit-packed run's data and how many of its values were already taken. */
    private int packedStart;
    private int packedTaken;

    HybridRleDecoder(byte[] bytes, int offset, int end, int bitWidth) {
        this.bytes = bytes;
        this.cursor[0] = offset;
        this.end = end;
        this.bitWidth = bitWidth;
    }

    /** Whether the data starts with one repeated run of at least {@code count} copies of {@code value} (bit width 1). */
    static boolean startsWithRunOf(byte[] bytes, int offset, int end, int value, int count) {
        if (offset >= end) {
            return false;
        }
        int[] cursor = {offset};
        long header = PageBytes.readUleb(bytes, cursor);
        return (header & 1) == 0 && (header >>> 1) >= count && cursor[0] < end && bytes[cursor[0]] == value;
    }

    void read(int[] out, int offset, int count) {
        int done = 0;
        while (done < count) {
            if (runLeft == 0) {
                nextRun();
            }
            int take = Math.min(runLeft, count - done);
            if (repeated) {
                Arrays.fill(out, offset + done, offset + done + take, repeatedValue);
            } else {
                long bit = (long) packedTaken * bitWidth;
                if ((bit & 7) == 0) {
                    PageBytes.unpackInts(bytes, packedStart + (int) (bit >>> 3), bitWidth, out, offset + done, take);
                } else {
                    unpackUnaligned(out, offset + done, take);
                }
                packedTaken += take;
            }
            runLeft -= take;
            done += take;
        }
    }

    /** Passes over the next {@code count} values. */
    void skip(int count) {
        int done = 0;
        while (done < count) {
            if (runLeft == 0) {
                nextRun();
            }
            int take = Math.min(runLeft, count - done);
            if (!repeated) {
                packedTaken += take;
            }
            runLeft -= take;
            done += take;
        }
    }

    private void unpackUnaligned(int[] out, int offset, int count) {
        long mask = (1L << bitWidth) - 1;
        long bit = (long) packedStart * 8 + (long) packedTaken * bitWidth;
        for (int i = 0; i < count; i++, bit += bitWidth) {
            out[offset + i] = (int) ((PageBytes.getLong(bytes, (int) (bit >>> 3)) >>> (bit & 7)) & mask);
        }
    }

    private void nextRun() {
        if (cursor[0] >= end) {
            throw new IllegalStateException("RLE / bit-packed data ends before all values were read");
        }
        int header = (int) PageBytes.readUleb(bytes, cursor);
        if ((header & 1) == 1) {
            int groups = header >>> 1;
            repeated = false;
            runLeft = groups * 8;
            packedStart = cursor[0];
            packedTaken = 0;
            cursor[0] += groups * bitWidth;
        } else {
            repeated = true;
            runLeft = header >>> 1;
            int width = (bitWidth + 7) / 8;
            int value = 0;
            for (int i = 0; i < width; i++) {
                value |= (bytes[cursor[0] + i] & 0xff) << (8 * i);
            }
            repeatedValue = value;
            cursor[0] += width;
        }
    }
}
