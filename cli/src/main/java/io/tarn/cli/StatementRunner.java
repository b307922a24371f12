package io.tarn.cli;

import io.tarn.jdbc.TarnStatement;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;

/**
 * Runs statements on a JDBC connection: result sets go to {@code out} in the chosen format, status lines
 * ("CREATE TABLE (0.012 s)", "3 rows (0.123 s)") to {@code status}, so csv/json output stays clean.
 */
final class StatementRunner {

    private final Connection connection;
    private final ResultPrinter printer;
    private final PrintStream out;
    private final PrintStream status;
    private volatile Statement running;

    StatementRunner(Connection connection, OutputFormat format, PrintStream out, PrintStream status) {
        this.connection = Objects.requireNonNull(connection, "connection is null");
        this.printer = format.printer();
        this.out = Objects.requireNonNull(out, "out is null");
        this.status = Objects.requireNonNull(status, "status is null");
    }

    void run(String sql) throws SQLException {
        long start = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            running = statement;
            if (statement.execute(sql)) {
                long rows;
                try (ResultSet resultSet = statement.getResultSet()) {
                    rows = printer.print(resultSet, out);
                }
                out.flush();
                status.println(rows + (rows == 1 ? " row" : " rows") + elapsed(start));
            } else {
                String message = statement.unwrap(TarnStatement.class).updateMessage();
                long count = statement.getLargeUpdateCount();
                status.println((message != null ? message : count + " rows affected") + elapsed(start));
            }
        } finally {
            running = null;
        }
    }

    /** Cancels the statement running now, if any; safe from any thread. */
    void cancel() {
        Statement statement = running;
        if (statement != null) {
            try {
                statement.cancel();
            } catch (SQLException e) {
                // The statement finished or closed meanwhile: nothing left to cancel.
            }
        }
    }

    static String errorMessage(SQLException error) {
        String state = error.getSQLState() == null ? "" : " [" + error.getSQLState() + "]";
        return "Error" + state + ": " + error.getMessage();
    }

    private static String elapsed(long startNanos) {
        return String.format(" (%.3f s)", (System.nanoTime() - startNanos) / 1e9);
    }
}
