package io.tarn.executor.expression.runtime;

import io.tarn.executor.ExecutionException;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * String functions over UTF-8 byte arrays for generated code. Positions and lengths count code points; ASCII input
 * takes byte-level fast paths. Byte order of UTF-8 equals code point order, so comparisons never decode.
 */
public final class Strings {
    private static final byte[] EMPTY = new byte[0];

    private Strings() {
    }

    public static String toJavaString(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }

    public static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    public static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    /** PAD SPACE comparison used when a CHAR value is involved: trailing spaces do not count. */
    public static int comparePadded(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, 0, lengthWithoutTrailingSpaces(a), b, 0, lengthWithoutTrailingSpaces(b));
    }

    /** Compares the bytes {@code data[start, end)} of a vector with {@code literal}, unsigned. */
    public static int compare(ArrowBuf data, int start, int end, byte[] literal) {
        int length = Math.min(end - start, literal.length);
        for (int k = 0; k < length; k++) {
            int x = data.getByte(start + k) & 0xff;
            int y = literal[k] & 0xff;
            if (x != y) {
                return x - y;
            }
        }
        return Integer.compare(end - start, literal.length);
    }

    /** PAD SPACE comparison of vector bytes with a literal whose trailing spaces were already removed. */
    public static int comparePadded(ArrowBuf data, int start, int end, byte[] strippedLiteral) {
        int length = end;
        while (length > start && data.getByte(length - 1) == ' ') {
            length--;
        }
        return compare(data, start, length, strippedLiteral);
    }

    /** {@code value} without trailing spaces. */
    public static byte[] stripTrailingSpaces(byte[] value) {
        int length = lengthWithoutTrailingSpaces(value);
        return length == value.length ? value : Arrays.copyOf(value, length);
    }

    public static boolean equal(ArrowBuf data, int start, int end, byte[] literal) {
        return end - start == literal.length && regionEquals(data, start, literal);
    }

    /** Whether {@code data} holds {@code bytes} at {@code start}. */
    static boolean regionEquals(ArrowBuf data, int start, byte[] bytes) {
        long address = checkedAddress(data, start, start + bytes.length);
        for (int k = 0; k < bytes.length; k++) {
            if (MemoryUtil.getByte(address + k) != bytes[k]) {
                return false;
            }
        }
        return true;
    }

    /** First index of {@code needle} in {@code data[from, to)}, or -1. */
    static int indexOf(ArrowBuf data, byte[] needle, int from, int to) {
        if (needle.length == 0) {
            return from <= to ? from : -1;
        }
        if (to - from < needle.length) {
            return -1;
        }
        // LIKE '%text%' scans whole values: one bounds check for the range, then plain reads
        long address = checkedAddress(data, from, to) - from;
        byte first = needle[0];
        int last = to - needle.length;
        for (int i = from; i <= last; i++) {
            if (MemoryUtil.getByte(address + i) == first && restEquals(address + i, needle)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean restEquals(long address, byte[] needle) {
        for (int k = 1; k < needle.length; k++) {
            if (MemoryUtil.getByte(address + k) != needle[k]) {
                return false;
            }
        }
        return true;
    }

    /** The address of {@code data[from]} after checking that {@code [from, to)} lies inside the buffer. */
    private static long checkedAddress(ArrowBuf data, int from, int to) {
        if (from < 0 || to > data.capacity() || from > to) {
            throw new IndexOutOfBoundsException("bytes [" + from + ", " + to + ") outside a buffer of " + data.capacity());
        }
        return data.memoryAddress() + from;
    }

    public static boolean equal(byte[] a, byte[] b) {
        return Arrays.equals(a, b);
    }

    public static byte[] concat(byte[] a, byte[] b) {
        byte[] result = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }

    public static long charLength(byte[] value) {
        long count = 0;
        for (byte b : value) {
            if ((b & 0xC0) != 0x80) {
                count++;
            }
        }
        return count;
    }

    /** SUBSTRING(value FROM start): from 1-based code point {@code start} to the end. */
    public static byte[] substring(byte[] value, long start) {
        return substring(value, start, Long.MAX_VALUE);
    }

    /** SUBSTRING(value FROM start FOR length) with SQL clipping of positions outside the string; length < 0 raises 22011. */
    public static byte[] substring(byte[] value, long start, long length) {
        if (length < 0) {
            throw new ExecutionException("22011", "negative substring length not allowed");
        }
        long end = start > 0 && length > Long.MAX_VALUE - start ? Long.MAX_VALUE : start + length;
        long from = Math.max(start, 1);
        if (end <= from) {
            return EMPTY;
        }
        int fromByte = byteOffsetOfChar(value, from - 1);
        int endByte = byteOffsetOfChar(value, end - 1);
        return fromByte >= endByte ? EMPTY : Arrays.copyOfRange(value, fromByte, endByte);
    }

    /** POSITION(needle IN haystack): 1-based code point position, 0 when absent, 1 for an empty needle. */
    public static long position(byte[] needle, byte[] haystack) {
        int index = indexOf(haystack, needle, 0, haystack.length);
        if (index < 0) {
            return 0;
        }
        return charLength(Arrays.copyOf(haystack, index)) + 1;
    }

    public static byte[] upper(byte[] value) {
        if (isAscii(value)) {
            byte[] result = value.clone();
            for (int i = 0; i < result.length; i++) {
                if (result[i] >= 'a' && result[i] <= 'z') {
                    result[i] -= 32;
                }
            }
            return result;
        }
        return utf8(toJavaString(value).toUpperCase(Locale.ROOT));
    }

    public static byte[] lower(byte[] value) {
        if (isAscii(value)) {
            byte[] result = value.clone();
            for (int i = 0; i < result.length; i++) {
                if (result[i] >= 'A' && result[i] <= 'Z') {
                    result[i] += 32;
                }
            }
            return result;
        }
        return utf8(toJavaString(value).toLowerCase(Locale.ROOT));
    }

    /** Removes any of the code points of {@code characters} from the chosen ends of {@code value}. */
    public static byte[] trim(byte[] characters, byte[] value, boolean leading, boolean trailing) {
        if (characters.length == 1 && characters[0] >= 0) {
            byte c = characters[0];
            int from = 0;
            int to = value.length;
            while (leading && from < to && value[from] == c) {
                from++;
            }
            while (trailing && to > from && value[to - 1] == c) {
                to--;
            }
            return from == 0 && to == value.length ? value : Arrays.copyOfRange(value, from, to);
        }
        String set = toJavaString(characters);
        String text = toJavaString(value);
        int from = 0;
        int to = text.length();
        while (leading && from < to && set.indexOf(text.codePointAt(from)) >= 0) {
            from += Character.charCount(text.codePointAt(from));
        }
        while (trailing && to > from && set.indexOf(text.codePointBefore(to)) >= 0) {
            to -= Character.charCount(text.codePointBefore(to));
        }
        return utf8(text.substring(from, to));
    }

    /** Replaces every occurrence of {@code search}; matching whole UTF-8 sequences keeps characters intact. */
    public static byte[] replace(byte[] value, byte[] search, byte[] replacement) {
        if (search.length == 0) {
            return value;
        }
        int index = indexOf(value, search, 0, value.length);
        if (index < 0) {
            return value;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(value.length);
        int from = 0;
        while (index >= 0) {
            out.write(value, from, index - from);
            out.write(replacement, 0, replacement.length);
            from = index + search.length;
            index = indexOf(value, search, from, value.length);
        }
        out.write(value, from, value.length - from);
        return out.toByteArray();
    }

    /** At most {@code length} code points (VARCHAR(n)); a negative length means unbounded. */
    public static byte[] truncate(byte[] value, int length) {
        if (length < 0 || value.length <= length) {
            return value;
        }
        int end = byteOffsetOfChar(value, length);
        return end >= value.length ? value : Arrays.copyOf(value, end);
    }

    /** Exactly {@code length} code points, padded with spaces (CHAR(n)). */
    public static byte[] pad(byte[] value, int length) {
        byte[] truncated = truncate(value, length);
        long missing = length - charLength(truncated);
        if (length < 0 || missing <= 0) {
            return truncated;
        }
        byte[] padded = Arrays.copyOf(truncated, truncated.length + (int) missing);
        Arrays.fill(padded, truncated.length, padded.length, (byte) ' ');
        return padded;
    }

    /** First index of {@code needle} in {@code haystack[from, to)}, or -1. */
    public static int indexOf(byte[] haystack, byte[] needle, int from, int to) {
        if (needle.length == 0) {
            return from <= to ? from : -1;
        }
        byte first = needle[0];
        int last = to - needle.length;
        outer:
        for (int i = from; i <= last; i++) {
            if (haystack[i] != first) {
                continue;
            }
            for (int k = 1; k < needle.length; k++) {
                if (haystack[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static boolean isAscii(byte[] value) {
        for (byte b : value) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static int lengthWithoutTrailingSpaces(byte[] value) {
        int length = value.length;
        while (length > 0 && value[length - 1] == ' ') {
            length--;
        }
        return length;
    }

    /** Byte offset where code point number {@code chars} (0-based) starts, or the length when past the end. */
    private static int byteOffsetOfChar(byte[] value, long chars) {
        long seen = 0;
        for (int i = 0; i < value.length; i++) {
            if ((value[i] & 0xC0) != 0x80) {
                if (seen == chars) {
                    return i;
                }
                seen++;
            }
        }
        return value.length;
    }
}
