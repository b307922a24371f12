package io.tarn.planner.engine;

import java.util.ArrayList;
import java.util.List;

/** Splits a script at top-level semicolons, skipping those inside quotes and comments. */
public final class StatementSplitter {
    private StatementSplitter() {
    }

    public static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int length = script.length();
        int i = 0;
        while (i < length) {
            char c = script.charAt(i);
            if (c == '\'' || c == '"') {
                int end = i + 1;
                while (end < length) {
                    if (script.charAt(end) == c) {
                        if (end + 1 < length && script.charAt(end + 1) == c) {
                            end += 2;
                            continue;
                        }
                        break;
                    }
                    end++;
                }
                end = Math.min(end + 1, length);
                current.append(script, i, end);
                i = end;
            } else if (c == '-' && i + 1 < length && script.charAt(i + 1) == '-') {
                int end = script.indexOf('\n', i);
                end = end < 0 ? length : end;
                current.append(script, i, end);
                i = end;
            } else if (c == '/' && i + 1 < length && script.charAt(i + 1) == '*') {
                int end = script.indexOf("*/", i + 2);
                end = end < 0 ? length : end + 2;
                current.append(script, i, end);
                i = end;
            } else if (c == ';') {
                addIfNotBlank(statements, current);
                current.setLength(0);
                i++;
            } else {
                current.append(c);
                i++;
            }
        }
        addIfNotBlank(statements, current);
        return statements;
    }

    private static void addIfNotBlank(List<String> statements, StringBuilder statement) {
        if (!isOnlyCommentsOrBlank(statement.toString())) {
            statements.add(statement.toString().strip());
        }
    }

    static boolean isOnlyCommentsOrBlank(String text) {
        String withoutComments = text.replaceAll("(?m)--.*$", "").replaceAll("(?s)/\\*.*?\\*/", "");
        return withoutComments.isBlank();
    }
}
