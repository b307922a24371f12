package io.tarn.tests.sqllogictest;

import net.hydromatic.sqllogictest.ISqlTestOperation;
import net.hydromatic.sqllogictest.OptionsParser;
import net.hydromatic.sqllogictest.SltSqlStatement;
import net.hydromatic.sqllogictest.SltTestFile;
import net.hydromatic.sqllogictest.SqlTestQuery;
import net.hydromatic.sqllogictest.TestStatistics;
import net.hydromatic.sqllogictest.executors.JdbcExecutor;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Runs one sqllogictest file through a JDBC URL (a fresh connection per file), differing from the library's
 * {@link JdbcExecutor#execute} in four ways: a failing statement is counted and the file goes on (the library
 * abandons the file); consecutive single-row INSERTs are merged ({@link InsertBatcher}); only a deterministic sample
 * of the queries runs (every k-th, so that at most {@code maxQueries} run); and a query running longer than
 * {@code queryTimeoutSeconds} is cancelled and counted as failed.
 */
final class SampledJdbcExecutor extends JdbcExecutor {
    private final int maxQueries;
    private final int queryTimeoutSeconds;
    private int statementFailures;
    private int queriesInFile;

    SampledJdbcExecutor(OptionsParser.SuppliedOptions options, String url, int maxQueries, int queryTimeoutSeconds) {
        super(requireNonNull(options, "options is null"), requireNonNull(url, "url is null"), "", "");
        this.maxQueries = maxQueries;
        this.queryTimeoutSeconds = queryTimeoutSeconds;
    }

    /** Statements of the last file that failed although they should pass, or passed although they should fail. */
    int statementFailures() {
        return statementFailures;
    }

    /** Queries in the last file, run or not. */
    int queriesInFile() {
        return queriesInFile;
    }

    @Override
    public TestStatistics execute(SltTestFile file, OptionsParser.SuppliedOptions options) throws SQLException {
        TestStatistics statistics = new TestStatistics(false, options.verbosity);
        statistics.incFiles();
        statementFailures = 0;
        queriesInFile = file.getTestCount();
        int stride = Math.max(1, (queriesInFile + maxQueries - 1) / maxQueries);
        int queryIndex = 0;
        establishConnection();
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sqllogictest-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<ISqlTestOperation> operations = file.fileContents;
            int next = 0;
            while (next < operations.size()) {
                SltSqlStatement statement = operations.get(next).as(SltSqlStatement.class);
                if (statement == null) {
                    if (queryIndex++ % stride == 0) {
                        runQuery(operations.get(next).to(options.err, SqlTestQuery.class), statistics, watchdog);
                    }
                    next++;
                } else if (!statement.shouldPass) {
                    runStatement(statement.statement, false, 1);
                    next++;
                } else {
                    List<String> passing = new ArrayList<>();
                    while (next < operations.size() && (statement = operations.get(next).as(SltSqlStatement.class)) != null
                            && statement.shouldPass) {
                        passing.add(statement.statement);
                        next++;
                    }
                    for (InsertBatcher.Batch batch : InsertBatcher.merge(passing)) {
                        runStatement(batch.sql(), true, batch.statementCount());
                    }
                }
            }
        } finally {
            watchdog.shutdownNow();
            closeConnection();
        }
        return statistics;
    }

    /** Runs a statement standing for {@code statementCount} of the file's statements; a wrong outcome counts them all. */
    private void runStatement(String sql, boolean shouldPass, int statementCount) {
        boolean succeeded;
        try (Statement jdbc = getConnection().createStatement()) {
            jdbc.execute(sql);
            succeeded = true;
        } catch (SQLException | RuntimeException e) {
            succeeded = false;
        }
        if (succeeded != shouldPass) {
            statementFailures += statementCount;
        }
    }

    private void runQuery(SqlTestQuery query, TestStatistics statistics, ScheduledExecutorService watchdog) {
        try (Statement jdbc = getConnection().createStatement()) {
            ScheduledFuture<?> cancel = watchdog.schedule(() -> cancelQuietly(jdbc), queryTimeoutSeconds, TimeUnit.SECONDS);
            try (ResultSet resultSet = jdbc.executeQuery(query.getQuery())) {
                validate(query, resultSet, query.outputDescription, statistics);
            } finally {
                cancel.cancel(false);
            }
        } catch (Exception | AssertionError e) {
            statistics.addFailure(new TestStatistics.FailedTestDescription(query, String.valueOf(e.getMessage()), "", e));
        }
    }

    private static void cancelQuietly(Statement statement) {
        try {
            statement.cancel();
        } catch (SQLException ignored) {
            // the query then fails on its own or finishes; either way it is counted
        }
    }
}
