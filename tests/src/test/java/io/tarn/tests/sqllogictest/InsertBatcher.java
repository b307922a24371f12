package io.tarn.tests.sqllogictest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Merges runs of single-row {@code INSERT INTO t(columns) VALUES(...)} statements on the same table and columns
 * into one multi-row INSERT, the values reordered to one column order. The sqllogictest files load their data one
 * row per statement (select4 has over a thousand); on a table format where every INSERT is a commit, merging keeps
 * the suite within minutes while inserting exactly the same rows.
 */
final class InsertBatcher {
    private static final Pattern SINGLE_ROW_INSERT =
            Pattern.compile("(?is)^\\s*INSERT\\s+INTO\\s+(\\w+)\\s*\\(([^()]*)\\)\\s*VALUES\\s*\\(([^()]*)\\)\\s*;?\\s*$");

    private InsertBatcher() {
    }

    /** A statement to run and how many of the file's statements it stands for. */
    record Batch(String sql, int statementCount) {
    }

    /** Merges {@code statements} (all expected to succeed) into as few INSERTs as possible, keeping their order. */
    static List<Batch> merge(List<String> statements) {
        requireNonNull(statements, "statements is null");
        List<Batch> batches = new ArrayList<>();
        Row run = null;
        List<String> rows = new ArrayList<>();
        for (String statement : statements) {
            Row row = Row.parse(statement);
            if (run != null && row != null && row.sameTarget(run)) {
                rows.add(row.valuesIn(run.columns()));
                continue;
            }
            flush(run, rows, batches);
            rows.clear();
            run = row;
            if (row == null) {
                batches.add(new Batch(statement, 1));
            } else {
                rows.add(row.valuesIn(row.columns()));
            }
        }
        flush(run, rows, batches);
        return batches;
    }

    private static void flush(Row run, List<String> rows, List<Batch> batches) {
        if (run != null && !rows.isEmpty()) {
            batches.add(new Batch("INSERT INTO " + run.table() + "(" + String.join(",", run.columns()) + ") VALUES"
                    + String.join(",", rows), rows.size()));
        }
    }

    /** One parsed single-row INSERT; values may be literals, quoted strings (without commas) or NULL. */
    private record Row(String table, List<String> columns, List<String> values) {
        static Row parse(String statement) {
            Matcher matcher = SINGLE_ROW_INSERT.matcher(statement);
            if (!matcher.matches() || matcher.group(3).indexOf('\'') >= 0 && hasQuotedComma(matcher.group(3))) {
                return null;
            }
            List<String> columns = Arrays.stream(matcher.group(2).split(",")).map(String::strip).toList();
            List<String> values = Arrays.stream(matcher.group(3).split(",")).map(String::strip).toList();
            return columns.size() == values.size() ? new Row(matcher.group(1).toLowerCase(), columns, values) : null;
        }

        private static boolean hasQuotedComma(String values) {
            boolean quoted = false;
            for (char c : values.toCharArray()) {
                if (c == '\'') {
                    quoted = !quoted;
                } else if (c == ',' && quoted) {
                    return true;
                }
            }
            return false;
        }

        boolean sameTarget(Row other) {
            return table.equals(other.table) && columns.size() == other.columns.size()
                    && columns.containsAll(other.columns);
        }

        String valuesIn(List<String> order) {
            List<String> ordered = order.stream().map(column -> values.get(columns.indexOf(column))).toList();
            return "(" + String.join(",", ordered) + ")";
        }
    }
}
