package io.tarn.tests.slt;

import io.tarn.tests.slt.SltRecord.Target;
import io.tarn.tests.support.Engines;
import io.tarn.tests.support.ResultValues;
import io.tarn.tests.support.TpchDataset;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The two connections one {@code .slt} file runs on (a Tarn session and a DuckDB database, both opened on first use)
 * and the execution and comparison of its records. Without Tarn ({@code duckDbOnly}) it only checks that DuckDB
 * accepts the file and prints DuckDB's rows, which validates new SQL before the engine exists.
 */
final class SltSession implements AutoCloseable {
    private static final Pattern ORDER_BY = Pattern.compile("(?i)\\border\\s+by\\b");
    private static final int ROWS_SHOWN = 40;

    private final SltFile file;
    private final boolean duckDbOnly;
    private Connection tarn;
    private Connection duckDb;

    SltSession(SltFile file, boolean duckDbOnly) {
        this.file = requireNonNull(file, "file is null");
        this.duckDbOnly = duckDbOnly;
    }

    void run(SltRecord record) throws SQLException {
        requireNonNull(record, "record is null");
        if (record instanceof SltRecord.Statement statement) {
            runStatement(statement);
        } else if (record instanceof SltRecord.StatementError statementError) {
            runStatementError(statementError);
        } else {
            runQuery((SltRecord.Query) record);
        }
    }

    private void runStatement(SltRecord.Statement statement) throws SQLException {
        if (statement.target() != Target.TARN_ONLY) {
            executeOn(duckDb(), "DuckDB", statement.sql());
        }
        if (!duckDbOnly && statement.target() != Target.DUCKDB_ONLY) {
            executeOn(tarn(), "Tarn", statement.sql());
        }
    }

    private void runStatementError(SltRecord.StatementError expected) throws SQLException {
        if (duckDbOnly) {
            return;
        }
        try (Statement statement = tarn().createStatement()) {
            List<List<Object>> rows = execute(statement, expected.sql());
            fail("expected SQLSTATE " + expected.sqlStatePrefix() + "* but Tarn succeeded with " + rows.size()
                    + " row(s)\n" + expected.sql());
        } catch (SQLException e) {
            String state = String.valueOf(e.getSQLState());
            assertTrue(state.startsWith(expected.sqlStatePrefix()),
                    () -> "expected SQLSTATE " + expected.sqlStatePrefix() + "* but got " + state + ": " + e.getMessage()
                            + "\n" + expected.sql());
        }
    }

    private void runQuery(SltRecord.Query query) throws SQLException {
        if (!query.comparesWithDuckDb()) {
            if (!duckDbOnly) {
                compareWithText(query, queryOn(tarn(), "Tarn", query.sql()));
            }
            return;
        }
        List<List<Object>> expected = queryOn(duckDb(), "DuckDB", query.sql());
        if (!query.rowsort() && expected.size() > 1 && !ORDER_BY.matcher(query.sql()).find()) {
            fail("a 'query' without rowsort that returns several rows needs an ORDER BY\n" + query.sql());
        }
        if (duckDbOnly) {
            // authoring aid: shows the reference rows, e.g. to check a new query returns something meaningful
            System.out.println(file.path() + ":" + query.line() + "\n" + listing(expected));
            return;
        }
        List<List<Object>> actual = queryOn(tarn(), "Tarn", query.sql());
        if (query.rowsort()) {
            expected = sortedByRendering(expected);
            actual = sortedByRendering(actual);
        }
        compare(query, expected, actual);
    }

    private static void compare(SltRecord.Query query, List<List<Object>> expected, List<List<Object>> actual) {
        String context = query.sql() + "\n-- DuckDB:\n" + listing(expected) + "-- Tarn:\n" + listing(actual);
        assertEquals(expected.size(), actual.size(), () -> "row count differs\n" + context);
        for (int row = 0; row < expected.size(); row++) {
            List<Object> expectedRow = expected.get(row);
            List<Object> actualRow = actual.get(row);
            assertEquals(expectedRow.size(), actualRow.size(), () -> "column count differs\n" + context);
            for (int column = 0; column < expectedRow.size(); column++) {
                if (!ResultValues.sameValue(expectedRow.get(column), actualRow.get(column))) {
                    int at = row;
                    int col = column;
                    fail(() -> "row " + (at + 1) + " column " + (col + 1) + ": expected "
                            + ResultValues.render(expectedRow.get(col)) + " but Tarn gave "
                            + ResultValues.render(actualRow.get(col)) + "\n" + context);
                }
            }
        }
    }

    /** Rows written in the file: in order, or (rowsort) each matched to a distinct actual row. */
    private static void compareWithText(SltRecord.Query query, List<List<Object>> actual) {
        List<List<String>> expected = query.expectedRows();
        String context = query.sql() + "\n-- expected:\n" + String.join("\n", expected.stream()
                .map(row -> String.join(" | ", row)).toList()) + "\n-- Tarn:\n" + listing(actual);
        assertEquals(expected.size(), actual.size(), () -> "row count differs\n" + context);
        List<List<Object>> unmatched = new ArrayList<>(actual);
        for (int row = 0; row < expected.size(); row++) {
            List<String> expectedRow = expected.get(row);
            if (query.rowsort()) {
                assertTrue(unmatched.removeIf(new FirstMatch(expectedRow)),
                        () -> "no Tarn row matches " + expectedRow + "\n" + context);
            } else {
                int at = row;
                assertTrue(new FirstMatch(expectedRow).test(actual.get(row)), () -> "row " + (at + 1) + " differs\n" + context);
            }
        }
    }

    /** Matches a row against written values, once: used with removeIf to take one matching row only. */
    private static final class FirstMatch implements java.util.function.Predicate<List<Object>> {
        private final List<String> expected;
        private boolean matched;

        FirstMatch(List<String> expected) {
            this.expected = expected;
        }

        @Override
        public boolean test(List<Object> row) {
            if (matched || row.size() != expected.size()) {
                return false;
            }
            for (int column = 0; column < row.size(); column++) {
                if (!ResultValues.matchesText(row.get(column), expected.get(column))) {
                    return false;
                }
            }
            matched = true;
            return true;
        }
    }

    private static List<List<Object>> sortedByRendering(List<List<Object>> rows) {
        return rows.stream().sorted(Comparator.comparing(ResultValues::render)).toList();
    }

    private static String listing(List<List<Object>> rows) {
        StringBuilder text = new StringBuilder();
        rows.stream().limit(ROWS_SHOWN).forEach(row -> text.append(ResultValues.render(row)).append('\n'));
        if (rows.size() > ROWS_SHOWN) {
            text.append("... ").append(rows.size() - ROWS_SHOWN).append(" more\n");
        }
        return text.toString();
    }

    private static void executeOn(Connection connection, String engine, String sql) {
        try (Statement statement = connection.createStatement()) {
            execute(statement, sql);
        } catch (SQLException e) {
            fail(engine + " rejected the statement (SQLSTATE " + e.getSQLState() + "): " + e.getMessage() + "\n" + sql, e);
        }
    }

    private static List<List<Object>> queryOn(Connection connection, String engine, String sql) {
        try (Statement statement = connection.createStatement()) {
            return execute(statement, sql);
        } catch (SQLException e) {
            return fail(engine + " failed (SQLSTATE " + e.getSQLState() + "): " + e.getMessage() + "\n" + sql, e);
        }
    }

    /** Executes and reads every row, so that errors raised while producing rows surface here. */
    private static List<List<Object>> execute(Statement statement, String sql) throws SQLException {
        if (!statement.execute(sql)) {
            return List.of();
        }
        try (var resultSet = statement.getResultSet()) {
            return ResultValues.readAll(resultSet);
        }
    }

    private Connection tarn() throws SQLException {
        if (tarn == null) {
            tarn = file.requiresTpch() ? Engines.tarn(TpchDataset.warehouse()) : Engines.tarnInMemory();
        }
        return tarn;
    }

    private Connection duckDb() throws SQLException {
        if (duckDb == null) {
            Connection connection = Engines.duckDb();
            try {
                if (file.requiresTpch()) {
                    createTpchViews(connection);
                }
            } catch (SQLException | RuntimeException | Error e) {
                connection.close();
                throw e;
            }
            duckDb = connection;
        }
        return duckDb;
    }

    private static void createTpchViews(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + TpchDataset.SCHEMA);
            for (String table : TpchDataset.TABLES) {
                statement.execute("CREATE VIEW " + TpchDataset.SCHEMA + "." + table + " AS SELECT * FROM read_parquet('"
                        + TpchDataset.parquetFile(table) + "')");
            }
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection closeTarn = tarn; Connection closeDuckDb = duckDb) {
            tarn = null;
            duckDb = null;
        }
    }
}
