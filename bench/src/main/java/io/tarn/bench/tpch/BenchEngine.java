package io.tarn.bench.tpch;

import io.tarn.planner.engine.QueryProfile;

import java.sql.Connection;
import java.sql.SQLException;

/** One engine under test: how to open a connection ready to run the TPC-H queries, and what it measured itself. */
public interface BenchEngine {

    /** A short name for reports ({@code tarn}, {@code duckdb}). */
    String name();

    /** A new connection with the benchmark's settings applied and the eight TPC-H tables visible unqualified. */
    Connection open() throws SQLException;

    /** Planning time and peak memory of the last query run on {@code connection}; null if the engine does not say. */
    default QueryProfile lastQueryProfile(Connection connection) throws SQLException {
        return null;
    }
}
