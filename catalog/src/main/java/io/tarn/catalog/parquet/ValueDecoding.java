package io.tarn.catalog.parquet;

import org.apache.parquet.column.Encoding;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

import java.util.Arrays;

/**
 * Decodes the non-null values of one page (or a dictionary page) in bulk, for the encodings and conversions
 * {@link ArrowColumnWriter} does not read from the page directly. Fixed-width physical types become longs (INT32
 * sign-extended, FLOAT / DOUBLE as raw IEEE bits, BOOLEAN 0/1, INT96 as epoch micros); BYTE_ARRAY and
 * FIXED_LEN_BYTE_ARRAY become {@link BinaryValues}.
 */
final class ValueDecoding {
    private static final long JULIAN_DAY_OF_EPOCH = 2_440_588L;
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private ValueDecoding() {
    }

    /** Whether {@link #longs} / {@link #binaries} decode {@code encoding} for {@code type} (dictionary ids excluded). */
    static boolean supports(Encoding encoding, PrimitiveTypeName type) {
        return switch (encoding) {
            case PLAIN -> true;
            case RLE -> type == PrimitiveTypeName.BOOLEAN;
            case DELTA_BINARY_PACKED -> type == PrimitiveTypeName.INT32 || type == PrimitiveTypeName.INT64;
            case DELTA_LENGTH_BYTE_ARRAY -> type == PrimitiveTypeName.BINARY;
            case DELTA_BYTE_ARRAY -> type == PrimitiveTypeName.BINARY || type == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY;
            case BYTE_STREAM_SPLIT -> type == PrimitiveTypeName.INT32 || type == PrimitiveTypeName.INT64
                    || type == PrimitiveTypeName.FLOAT || type == PrimitiveTypeName.DOUBLE;
            default -> false;
        };
    }

    static boolean isBinary(PrimitiveTypeName type) {
        return type == PrimitiveTypeName.BINARY || type == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY;
    }

    /** Decodes {@code count} values into {@code out[0..count)}, which may hold anything before. */
    static void longs(Encoding encoding, PrimitiveTypeName type, byte[] bytes, int offset, int end, long[] out, int count) {
        switch (encoding) {
            case PLAIN -> plain(type, bytes, offset, out, count);
            case RLE -> rleBooleans(bytes, offset, end, out, count);
            case DELTA_BINARY_PACKED -> deltaBinaryPacked(bytes, new int[] {offset}, out, count);
            case BYTE_STREAM_SPLIT -> byteStreamSplit(type == PrimitiveTypeName.INT32 || type == PrimitiveTypeName.FLOAT
                    ? 4 : 8, bytes, offset, out, count, type == PrimitiveTypeName.INT32);
            default -> throw new IllegalStateException("unsupported encoding " + encoding);
        }
    }

    static BinaryValues binaries(Encoding encoding, int fixedLength, byte[] bytes, int offset, int count) {
        return switch (encoding) {
            case PLAIN -> fixedLength > 0 ? plainFixed(fixedLength, bytes, offset, count) : plainBinary(bytes, offset, count);
            case DELTA_LENGTH_BYTE_ARRAY -> deltaLength(bytes, new int[] {offset}, count);
            case DELTA_BYTE_ARRAY -> deltaByteArray(bytes, offset, count);
            default -> throw new IllegalStateException("unsupported encoding " + encoding);
        };
    }

    private static void plain(PrimitiveTypeName type, byte[] bytes, int offset, long[] out, int count) {
        switch (type) {
            case BOOLEAN -> {
                for (int i = 0; i < count; i++) {
                    out[i] = (bytes[offset + (i >>> 3)] >>> (i & 7)) & 1;
                }
            }
            case INT32, FLOAT -> {
                boolean signed = type == PrimitiveTypeName.INT32;
                for (int i = 0; i < count; i++) {
                    int value = PageBytes.getInt(bytes, offset + 4 * i);
                    out[i] = signed ? value : Integer.toUnsignedLong(value);
                }
            }
            case INT64, DOUBLE -> {
                for (int i = 0; i < count; i++) {
                    out[i] = PageBytes.getLong(bytes, offset + 8 * i);
                }
            }
            case INT96 -> {
                for (int i = 0; i < count; i++) {
                    int at = offset + 12 * i;
                    long nanosOfDay = PageBytes.getLong(bytes, at);
                    long julianDay = Integer.toUnsignedLong(PageBytes.getInt(bytes, at + 8));
                    out[i] = (julianDay - JULIAN_DAY_OF_EPOCH) * MICROS_PER_DAY + nanosOfDay / 1000;
                }
            }
            default -> throw new IllegalStateException("not a fixed-width type: " + type);
        }
    }

    /** RLE-encoded booleans of a data page: a 4-byte length, then the hybrid runs with bit width 1. */
    private static void rleBooleans(byte[] bytes, int offset, int end, long[] out, int count) {
        int length = PageBytes.getInt(bytes, offset);
        int[] bits = new int[count];
        new HybridRleDecoder(bytes, offset + 4, Math.min(end, offset + 4 + length), 1).read(bits, 0, count);
        for (int i = 0; i < count; i++) {
            out[i] = bits[i];
        }
    }

    /** DELTA_BINARY_PACKED; advances {@code cursor} past the encoded block so callers can read what follows. */
    static void deltaBinaryPacked(byte[] bytes, int[] cursor, long[] out, int count) {
        int blockSize = (int) PageBytes.readUleb(bytes, cursor);
        int miniBlocks = (int) PageBytes.readUleb(bytes, cursor);
        int total = (int) PageBytes.readUleb(bytes, cursor);
        long previous = PageBytes.readZigZag(bytes, cursor);
        int perMiniBlock = blockSize / miniBlocks;
        if (count > 0) {
            out[0] = previous;
        }
        int done = 1;
        long[] deltas = new long[perMiniBlock];
        while (done < total) {
            long minDelta = PageBytes.readZigZag(bytes, cursor);
            int widthsAt = cursor[0];
            cursor[0] += miniBlocks;
            for (int m = 0; m < miniBlocks && done < total; m++) {
                int width = bytes[widthsAt + m] & 0xff;
                PageBytes.unpackLongs(bytes, cursor[0], width, deltas, 0, perMiniBlock);
                cursor[0] += perMiniBlock * width / 8;
                int take = Math.min(perMiniBlock, total - done);
                for (int i = 0; i < take; i++) {
                    previous += minDelta + deltas[i];
                    if (done + i < count) {
                        out[done + i] = previous;
                    }
                }
                done += take;
            }
        }
    }

    private static void byteStreamSplit(int width, byte[] bytes, int offset, long[] out, int count, boolean signExtend) {
        Arrays.fill(out, 0, count, 0L);
        for (int b = 0; b < width; b++) {
            int stream = offset + b * count;
            int shift = 8 * b;
            for (int i = 0; i < count; i++) {
                out[i] |= (long) (bytes[stream + i] & 0xff) << shift;
            }
        }
        if (signExtend) {
            for (int i = 0; i < count; i++) {
                out[i] = (int) out[i];
            }
        }
    }

    private static BinaryValues plainFixed(int length, byte[] bytes, int offset, int count) {
        if (offset + (long) count * length > bytes.length) { // values are copied unchecked later
            throw new IllegalStateException(count + " values of " + length + " bytes run past the page");
        }
        int[] offsets = new int[count + 1];
        for (int i = 0; i <= count; i++) {
            offsets[i] = offset + i * length;
        }
        return new BinaryValues(bytes, offsets, count);
    }

    private static BinaryValues plainBinary(byte[] bytes, int offset, int count) {
        int[] offsets = new int[count + 1];
        int at = offset;
        int total = 0;
        for (int i = 0; i < count; i++) {
            int length = PageBytes.getInt(bytes, at);
            at += 4 + length;
            total += length;
            offsets[i + 1] = total;
        }
        byte[] data = new byte[total + PageBytes.PADDING];
        at = offset;
        for (int i = 0; i < count; i++) {
            int length = offsets[i + 1] - offsets[i];
            System.arraycopy(bytes, at + 4, data, offsets[i], length);
            at += 4 + length;
        }
        return new BinaryValues(data, offsets, count);
    }

    private static BinaryValues deltaLength(byte[] bytes, int[] cursor, int count) {
        long[] lengths = new long[count];
        deltaBinaryPacked(bytes, cursor, lengths, count);
        int[] offsets = new int[count + 1];
        offsets[0] = cursor[0];
        for (int i = 0; i < count; i++) {
            offsets[i + 1] = offsets[i] + (int) lengths[i];
        }
        return new BinaryValues(bytes, offsets, count);
    }

    /** Each value is a prefix of the previous value plus a suffix (prefix lengths, then the suffixes). */
    private static BinaryValues deltaByteArray(byte[] bytes, int offset, int count) {
        int[] cursor = {offset};
        long[] prefixes = new long[count];
        deltaBinaryPacked(bytes, cursor, prefixes, count);
        BinaryValues suffixes = deltaLength(bytes, cursor, count);
        int[] offsets = new int[count + 1];
        for (int i = 0; i < count; i++) {
            offsets[i + 1] = offsets[i] + (int) prefixes[i] + suffixes.length(i);
        }
        byte[] data = new byte[offsets[count]];
        for (int i = 0; i < count; i++) {
            int prefix = (int) prefixes[i];
            if (prefix > 0) {
                System.arraycopy(data, offsets[i - 1], data, offsets[i], prefix);
            }
            System.arraycopy(bytes, suffixes.offsets()[i], data, offsets[i] + prefix, suffixes.length(i));
        }
        return new BinaryValues(data, offsets, count);
    }
}
