package io.tarn.tests.slt;

import io.tarn.tests.slt.SltRecord.Target;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** Parses the {@code .slt} format documented on {@link SltRunnerTest}; rejects malformed files with the line at fault. */
final class SltParser {
    private static final String EXPECTED_SEPARATOR = "----";

    private final String path;
    private final List<String> lines;
    private int next;

    private SltParser(String path, String text) {
        this.path = path;
        this.lines = text.lines().toList();
    }

    static SltFile parse(String path, String text) {
        requireNonNull(path, "path is null");
        requireNonNull(text, "text is null");
        return new SltParser(path, text).parseFile();
    }

    private SltFile parseFile() {
        String name = headerValue("name");
        String description = headerValue("description");
        String group = headerValue("group");
        boolean requiresTpch = false;
        if (next < lines.size() && lines.get(next).startsWith("# requires:")) {
            String requirement = headerValue("requires");
            if (!requirement.equals("tpch")) {
                throw error(next, "unknown requirement '" + requirement + "'");
            }
            requiresTpch = true;
        }
        List<SltRecord> records = new ArrayList<>();
        Directives directives = new Directives();
        while (next < lines.size()) {
            String line = lines.get(next).strip();
            if (line.isEmpty()) {
                next++;
            } else if (line.startsWith("#")) {
                directives.read(line, next);
                next++;
            } else {
                records.add(parseRecord(line, directives));
                directives = new Directives();
            }
        }
        if (directives.any()) {
            throw error(lines.size() - 1, "directive without a record after it");
        }
        return new SltFile(path, name, description, group, requiresTpch, records);
    }

    private String headerValue(String key) {
        String prefix = "# " + key + ":";
        if (next >= lines.size() || !lines.get(next).startsWith(prefix)) {
            throw error(next, "expected header line '" + prefix + " ...'");
        }
        return lines.get(next++).substring(prefix.length()).strip();
    }

    private SltRecord parseRecord(String keywordLine, Directives directives) {
        int recordLine = next + 1;
        next++;
        String[] words = keywordLine.split("\\s+");
        String sql = readSql(recordLine);
        List<List<String>> expectedRows = readExpectedRows();
        switch (words[0]) {
            case "statement" -> {
                if (expectedRows != null || directives.expectedReason != null) {
                    throw error(recordLine - 1, "a statement has no expected rows");
                }
                if (words.length == 2 && words[1].equals("ok")) {
                    return new SltRecord.Statement(recordLine, sql, directives.target);
                }
                if (words.length == 3 && words[1].equals("error") && directives.target == Target.BOTH) {
                    return new SltRecord.StatementError(recordLine, sql, words[2]);
                }
                throw error(recordLine - 1, "expected 'statement ok' or 'statement error <SQLSTATE-prefix>'");
            }
            case "query" -> {
                boolean rowsort = words.length == 2 && words[1].equals("rowsort");
                if (words.length > 2 || (words.length == 2 && !rowsort)) {
                    throw error(recordLine - 1, "expected 'query' or 'query rowsort'");
                }
                boolean explicitRows = directives.target == Target.TARN_ONLY || directives.expectedReason != null;
                if (directives.target == Target.DUCKDB_ONLY || explicitRows != (expectedRows != null)) {
                    throw error(recordLine - 1,
                            "rows after '----' are required with '# tarn-only' or '# tarn-expected:' and not allowed otherwise");
                }
                return new SltRecord.Query(recordLine, sql, rowsort, directives.target, expectedRows);
            }
            default -> throw error(recordLine - 1, "expected 'statement' or 'query', found '" + keywordLine + "'");
        }
    }

    private String readSql(int recordLine) {
        StringBuilder sql = new StringBuilder();
        while (next < lines.size() && !lines.get(next).isBlank() && !lines.get(next).strip().equals(EXPECTED_SEPARATOR)) {
            sql.append(lines.get(next++)).append('\n');
        }
        String text = sql.toString().strip();
        if (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).stripTrailing();
        }
        if (text.isEmpty()) {
            throw error(recordLine - 1, "record without SQL");
        }
        return text;
    }

    private List<List<String>> readExpectedRows() {
        if (next >= lines.size() || !lines.get(next).strip().equals(EXPECTED_SEPARATOR)) {
            return null;
        }
        next++;
        List<List<String>> rows = new ArrayList<>();
        while (next < lines.size() && !lines.get(next).isBlank()) {
            rows.add(Arrays.stream(lines.get(next++).split("\\|", -1)).map(String::strip).toList());
        }
        return rows;
    }

    private IllegalArgumentException error(int lineIndex, String message) {
        return new IllegalArgumentException(path + ":" + (lineIndex + 1) + ": " + message);
    }

    /** The {@code # tarn-only}, {@code # duckdb-only} and {@code # tarn-expected: <reason>} comments before a record. */
    private final class Directives {
        Target target = Target.BOTH;
        String expectedReason;

        void read(String comment, int lineIndex) {
            if (comment.equals("# tarn-only")) {
                target = Target.TARN_ONLY;
            } else if (comment.equals("# duckdb-only")) {
                target = Target.DUCKDB_ONLY;
            } else if (comment.startsWith("# tarn-expected:")) {
                expectedReason = comment.substring("# tarn-expected:".length()).strip();
                if (expectedReason.isEmpty()) {
                    throw error(lineIndex, "'# tarn-expected:' needs the SQL standard rule that justifies it");
                }
            }
        }

        boolean any() {
            return target != Target.BOTH || expectedReason != null;
        }
    }
}
