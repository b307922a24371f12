package io.tarn.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Splits SQL scripts into statements at top-level {@code ;}: not inside '...' strings, "..." identifiers,
 * {@code --} line comments or {@code /* *}{@code /} block comments. Statements are trimmed, without the {@code ;};
 * pieces holding only whitespace and comments are dropped.
 */
public final class ScriptSplitter {

    private ScriptSplitter() {
    }

    /** The result of scanning text: the complete statements and the unterminated rest (maybe blank). */
    public record Split(List<String> statements, String remainder) {
        public Split {
            statements = List.copyOf(statements);
        }
    }

    /** Every statement of a script; a last statement without {@code ;} counts too. */
    public static List<String> split(String script) {
        Split split = scan(script);
        List<String> statements = new ArrayList<>(split.statements());
        if (hasCode(split.remainder())) {
            statements.add(split.remainder().trim());
        }
        return statements;
    }

    /** Scans text typed so far: statements ended by {@code ;} and what is still open. */
    public static Split scan(String text) {
        Objects.requireNonNull(text, "text is null");
        List<String> statements = new ArrayList<>();
        int start = 0;
        int i = 0;
        int length = text.length();
        while (i < length) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                i = skipQuoted(text, i, c);
            } else if (c == '-' && i + 1 < length && text.charAt(i + 1) == '-') {
                int newline = text.indexOf('\n', i);
                i = newline < 0 ? length : newline + 1;
            } else if (c == '/' && i + 1 < length && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? length : end + 2;
            } else if (c == ';') {
                String statement = text.substring(start, i);
                if (hasCode(statement)) {
                    statements.add(statement.trim());
                }
                start = ++i;
            } else {
                i++;
            }
        }
        return new Split(statements, text.substring(start));
    }

    /** Index after the closing quote ({@code ''} inside is an escaped quote), or the end when unterminated. */
    private static int skipQuoted(String text, int open, char quote) {
        int i = open + 1;
        while (i < text.length()) {
            if (text.charAt(i) == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return text.length();
    }

    /** Whether the text has anything besides whitespace and comments. */
    static boolean hasCode(String text) {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (text.startsWith("--", i)) {
                int newline = text.indexOf('\n', i);
                i = newline < 0 ? text.length() : newline + 1;
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? text.length() : end + 2;
            } else {
                return true;
            }
        }
        return false;
    }
}
