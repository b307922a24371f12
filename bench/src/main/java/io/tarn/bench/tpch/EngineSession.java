package io.tarn.bench.tpch;

import io.tarn.planner.engine.QueryProfile;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import static java.util.Objects.requireNonNull;

/**
 * A connection to one engine and the worker thread that runs its queries, so that a query over its time limit can be
 * cancelled with {@link Statement#cancel()} while the benchmark goes on. If a cancelled query does not stop within
 * {@link #CANCEL_GRACE}, the connection and its thread are abandoned and the next query gets a new connection.
 */
final class EngineSession implements AutoCloseable {
    static final Duration CANCEL_GRACE = Duration.ofSeconds(30);

    private final BenchEngine engine;
    private Connection connection;
    private ExecutorService worker;

    EngineSession(BenchEngine engine) {
        this.engine = requireNonNull(engine, "engine is null");
    }

    String engineName() {
        return engine.name();
    }

    /** Runs every statement of {@code query}, reads the last result's rows, and drops the view it created (untimed). */
    RunOutcome run(BenchQuery query, Duration timeout) {
        AtomicReference<Statement> running = new AtomicReference<>();
        Future<RunOutcome> result;
        try {
            ensureOpen();
            Connection current = connection;
            result = worker.submit(() -> execute(current, query, running));
        } catch (SQLException | RuntimeException e) {
            return RunOutcome.failed(RunOutcome.Status.ERROR, "cannot connect: " + message(e));
        }
        try {
            return result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            cancel(running.get());
            if (!finishes(result)) {
                abandon();
            }
            return RunOutcome.failed(RunOutcome.Status.TIMEOUT, "over " + timeout.toSeconds() + " s, cancelled");
        } catch (ExecutionException e) {
            return RunOutcome.failed(RunOutcome.Status.ERROR, message(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel(running.get());
            return RunOutcome.failed(RunOutcome.Status.ERROR, "interrupted");
        } finally {
            dropCreatedView(query);
        }
    }

    private RunOutcome execute(Connection connection, BenchQuery query, AtomicReference<Statement> running)
            throws SQLException {
        List<List<Object>> rows = null;
        long start = System.nanoTime();
        for (String sql : query.statements()) {
            // a new statement each time: DuckDB closes a statement whose execution failed
            try (Statement statement = connection.createStatement()) {
                running.set(statement);
                if (statement.execute(sql)) {
                    try (ResultSet resultSet = statement.getResultSet()) {
                        rows = ResultRows.readAll(resultSet);
                    }
                }
            } finally {
                running.set(null);
            }
        }
        long total = System.nanoTime() - start;
        if (rows == null) {
            throw new SQLException(query.name() + " returned no rows");
        }
        QueryProfile profile = engine.lastQueryProfile(connection);
        return profile == null ? RunOutcome.ok(rows, total, -1, -1)
                : RunOutcome.ok(rows, total, profile.planningNanos(), profile.peakMemoryBytes());
    }

    private static void cancel(Statement statement) {
        if (statement != null) {
            try {
                statement.cancel();
            } catch (SQLException | RuntimeException ignored) {
                // the statement may have finished or closed meanwhile; the grace period decides what happens next
            }
        }
    }

    private static boolean finishes(Future<RunOutcome> result) {
        try {
            result.get(CANCEL_GRACE.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (ExecutionException e) {
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** q15's view must not outlive the query: the next run creates it again, and the cached warehouse stays as made. */
    private void dropCreatedView(BenchQuery query) {
        if (query.createdView().isEmpty() || connection == null) {
            return;
        }
        Connection current = connection;
        Future<?> drop = worker.submit(() -> {
            try (Statement statement = current.createStatement()) {
                statement.execute("DROP VIEW IF EXISTS " + query.createdView().get());
            }
            return null;
        });
        try {
            drop.get(CANCEL_GRACE.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            abandon();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void ensureOpen() throws SQLException {
        if (connection == null) {
            connection = engine.open();
            worker = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "bench-" + engine.name());
                thread.setDaemon(true); // an abandoned query must not keep the JVM alive
                return thread;
            });
        }
    }

    /** Leaves a stuck query behind: its thread is a daemon; the connection is closed in the background. */
    private void abandon() {
        Connection stuck = connection;
        ExecutorService stuckWorker = worker;
        connection = null;
        worker = null;
        if (stuckWorker != null) {
            stuckWorker.shutdownNow();
        }
        if (stuck != null) {
            Thread closer = new Thread(() -> closeQuietly(stuck), "bench-close-" + engine.name());
            closer.setDaemon(true);
            closer.start();
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException | RuntimeException ignored) {
            // nothing more can be done for an abandoned connection
        }
    }

    private static String message(Throwable e) {
        String text = e.getMessage() == null ? e.toString() : e.getMessage();
        return text.lines().findFirst().orElse(text);
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.shutdown();
        }
        if (connection != null) {
            closeQuietly(connection);
            connection = null;
        }
    }
}
