package io.tarn.tests.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import static java.util.Objects.requireNonNull;

/** Opens the JDBC connections the suites compare: Tarn through its driver, and DuckDB as the reference engine. */
public final class Engines {
    private Engines() {
    }

    /** A fresh Tarn session on a new in-memory warehouse. */
    public static Connection tarnInMemory() throws SQLException {
        return DriverManager.getConnection("jdbc:tarn:mem:");
    }

    /** A Tarn session on the warehouse in {@code directory}. */
    public static Connection tarn(Path directory) throws SQLException {
        requireNonNull(directory, "directory is null");
        return DriverManager.getConnection("jdbc:tarn:" + directory.toAbsolutePath());
    }

    /**
     * A fresh in-memory DuckDB that never downloads extensions, divides integers as the SQL standard does (exact
     * result, truncated) and sorts NULLs as Calcite does by default (last ascending, first descending).
     */
    public static Connection duckDb() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("autoinstall_known_extensions", "false");
        properties.setProperty("autoload_known_extensions", "false");
        Connection connection = DriverManager.getConnection("jdbc:duckdb:", properties);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET integer_division = true");
            statement.execute("SET default_null_order = 'nulls_last_on_asc_first_on_desc'");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }
}
