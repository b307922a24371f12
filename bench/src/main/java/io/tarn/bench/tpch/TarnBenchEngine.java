package io.tarn.bench.tpch;

import io.tarn.jdbc.TarnConnection;
import io.tarn.planner.engine.QueryProfile;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
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
        return Connections.prepare(connection, setup);
    }

    @Override
    public QueryProfile lastQueryProfile(Connection connection) throws SQLException {
        return connection.unwrap(TarnConnection.class).lastQueryProfile();
    }
}
