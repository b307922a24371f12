package io.tarn.executor.expression.runtime;

import io.tarn.executor.ExecutionException;
import org.apache.arrow.memory.ArrowBuf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A compiled LIKE pattern. Patterns made only of literals and {@code %} match on UTF-8 bytes by searching their
 * segments in order (covers 'abc%', '%abc', '%a%b%'); patterns with {@code _} use a regular expression on the text.
 */
public final class LikeMatcher {
    private final byte[][] segments;
    private final Pattern regex;

    private LikeMatcher(byte[][] segments, Pattern regex) {
        this.segments = segments;
        this.regex = regex;
    }

    /** Compiles {@code pattern} with an optional one-character {@code escape} (null for none). */
    public static LikeMatcher compile(byte[] pattern, byte[] escape) {
        String text = Strings.toJavaString(pattern);
        int escapeChar = -1;
        if (escape != null) {
            String escapeText = Strings.toJavaString(escape);
            if (escapeText.codePointCount(0, escapeText.length()) != 1) {
                throw new ExecutionException("22019", "invalid escape character '" + escapeText + "' in LIKE: must be one character");
            }
            escapeChar = escapeText.codePointAt(0);
        }
        List<String> literals = new ArrayList<>();
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        boolean hasUnderscore = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c == escapeChar) {
                if (i >= text.length()) {
                    throw invalidEscape(text);
                }
                int escaped = text.codePointAt(i);
                if (escaped != '%' && escaped != '_' && escaped != escapeChar) {
                    throw invalidEscape(text);
                }
                i += Character.charCount(escaped);
                literal.appendCodePoint(escaped);
            } else if (c == '%' || c == '_') {
                regex.append(Pattern.quote(literal.toString())).append(c == '%' ? ".*" : ".");
                hasUnderscore |= c == '_';
                literals.add(literal.toString());
                literal.setLength(0);
            } else {
                literal.appendCodePoint(c);
            }
        }
        regex.append(Pattern.quote(literal.toString()));
        literals.add(literal.toString());
        if (hasUnderscore) {
            return new LikeMatcher(null, Pattern.compile(regex.toString(), Pattern.DOTALL));
        }
        byte[][] segments = new byte[literals.size()][];
        for (int i = 0; i < segments.length; i++) {
            segments[i] = Strings.utf8(literals.get(i));
        }
        return new LikeMatcher(segments, null);
    }

    /** LIKE with a pattern only known per row. */
    public static boolean matches(byte[] value, byte[] pattern, byte[] escape) {
        return compile(pattern, escape).matches(value);
    }

    public boolean matches(byte[] value) {
        if (regex != null) {
            return regex.matcher(Strings.toJavaString(value)).matches();
        }
        if (segments.length == 1) {
            return Arrays.equals(value, segments[0]);
        }
        byte[] first = segments[0];
        byte[] last = segments[segments.length - 1];
        if (value.length < first.length + last.length
                || !Arrays.equals(value, 0, first.length, first, 0, first.length)
                || !Arrays.equals(value, value.length - last.length, value.length, last, 0, last.length)) {
            return false;
        }
        int from = first.length;
        int to = value.length - last.length;
        for (int s = 1; s < segments.length - 1; s++) {
            int index = Strings.indexOf(value, segments[s], from, to);
            if (index < 0) {
                return false;
            }
            from = index + segments[s].length;
        }
        return true;
    }

    /** Matches the UTF-8 bytes {@code data[start, end)} (a value inside an Arrow vector) without copying them. */
    public boolean matches(ArrowBuf data, int start, int end) {
        if (regex != null || segments.length == 1) {
            byte[] value = new byte[end - start];
            data.getBytes(start, value);
            return matches(value);
        }
        byte[] first = segments[0];
        byte[] last = segments[segments.length - 1];
        if (end - start < first.length + last.length
                || !Strings.regionEquals(data, start, first) || !Strings.regionEquals(data, end - last.length, last)) {
            return false;
        }
        int from = start + first.length;
        int to = end - last.length;
        for (int s = 1; s < segments.length - 1; s++) {
            int index = Strings.indexOf(data, segments[s], from, to);
            if (index < 0) {
                return false;
            }
            from = index + segments[s].length;
        }
        return true;
    }

    private static ExecutionException invalidEscape(String pattern) {
        return new ExecutionException("22025", "invalid escape sequence in LIKE pattern '" + pattern + "'");
    }
}
