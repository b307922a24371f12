package io.tarn.bench.tpch;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static java.util.Objects.requireNonNull;

/**
 * DuckDB in this JVM, over the cached Parquet files through views on {@code read_parquet}, with as many threads as
 * Tarn. It never downloads extensions, and divides integers and orders NULLs as Tarn does, so both return the same
 * rows for the same SQL.
 */
public final class DuckDbBenchEngine implements BenchEngine {
    private final TpchData data;
    private final int threads;

    public DuckDbBenchEngine(TpchData data, int threads) {
        this.data = requireNonNull(data, "data is null");
        this.threads = threads;
    }

    @Override
    public String name() {
        return "duckdb";
    }

    @Override
    public Connection open() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("autoinstall_known_extensions", "false");
        properties.setProperty("autoload_known_extensions", "false");
        Connection connection = DriverManager.getConnection("jdbc:duckdb:", properties);
        List<String> setup = new ArrayList<>();
        setup.add("SET threads = " + threads);
        setup.add("SET integer_division = true");
        setup.add("SET default_null_order = 'nulls_last_on_asc_first_on_desc'");
        setup.addAll(data.parquetViews());
        return Connections.prepare(connection, setup);
    }
}
