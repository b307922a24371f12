package io.tarn.bench.tpch;

import io.tarn.jdbc.TarnConnection;
import io.tarn.planner.engine.PlannerWarmUp;
import io.tarn.planner.engine.QueryProfile;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Tarn, embedded through its JDBC driver: over the cached Iceberg warehouse (schema {@code tpch}), or over the cached
 * Parquet files through views on {@code read_parquet} in a private in-memory warehouse.
 */
public final class TarnBenchEngine implements BenchEngine {
    private static final String PARQUET_SCHEMA = "tpch_parquet";

    private final TpchData data;
    private final InputFormat input;
    private final int threads;

    public TarnBenchEngine(TpchData data, InputFormat input, int threads) {
        this.data = requireNonNull(data, "data is null");
        this.input = requireNonNull(input, "input is null");
        this.threads = threads;
    }

    @Override
    public String name() {
        return "tarn";
    }

    @Override
    public Connection open() throws SQLException {
        List<String> setup = new ArrayList<>();
        setup.add("SET threads = " + threads);
        Connection connection;
        if (input == InputFormat.ICEBERG) {
            connection = DriverManager.getConnection("jdbc:tarn:" + data.warehouse().toAbsolutePath());
            setup.add("USE " + TpchData.SCHEMA);
        } else {
            connection = DriverManager.getConnection("jdbc:tarn:mem:");
            setup.add("CREATE SCHEMA " + PARQUET_SCHEMA);
            setup.add("USE " + PARQUET_SCHEMA);
            setup.addAll(data.parquetViews());
        }
        awaitPlannerWarmUp();
        return Connections.prepare(connection, setup);
    }

    /**
     * Lets the engine's background planner warm-up (started by the first connection) finish before anything is
     * timed, as it would have long before a server's users arrive; otherwise it competes with the first queries.
     */
    private static void awaitPlannerWarmUp() throws SQLException {
        try {
            PlannerWarmUp.awaitFinished(Duration.ofMinutes(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for the planner warm-up", e);
        }
    }

    @Override
    public QueryProfile lastQueryProfile(Connection connection) throws SQLException {
        return connection.unwrap(TarnConnection.class).lastQueryProfile();
    }
}
