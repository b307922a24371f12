package io.tarn.jdbc;

import java.util.regex.Pattern;

/**
 * A {@link java.sql.DatabaseMetaData} search pattern: {@code %} matches any sequence, {@code _} one character,
 * {@code \} escapes the next character; null matches everything. Matching ignores case, since Tarn names are
 * case-insensitive (stored lower-case) while tools often pass upper-case names.
 */
final class LikePattern {

    static final String ESCAPE = "\\";

    private final Pattern regex;

    private LikePattern(Pattern regex) {
        this.regex = regex;
    }

    static LikePattern of(String pattern) {
        if (pattern == null) {
            return new LikePattern(null);
        }
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new LikePattern(Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL));
    }

    boolean matches(String name) {
        return regex == null || regex.matcher(name).matches();
    }
}
