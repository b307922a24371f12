package io.tarn.tests.tpch;

import io.tarn.tests.support.Engines;
import io.tarn.tests.support.ResultValues;
import io.tarn.tests.support.TpchDataset;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * TPC-H conformance at SF 0.01: Trino's 22 query texts run unchanged and their rows must equal Trino's expected
 * results. Three targets: Tarn over the Iceberg tables written by {@code TpchGenerator}, Tarn over the same rows as
 * plain Parquet (views on {@code read_parquet}), and DuckDB over that Parquet, which checks the generated data and
 * this comparison independently of Tarn's executor.
 */
class TpchConformanceTest {
    private static final Pattern CREATED_VIEW = Pattern.compile("(?is)^CREATE\\s+(?:OR\\s+REPLACE\\s+)?VIEW\\s+(\\w+)");

    @TestFactory
    Stream<DynamicContainer> tpchQueries() {
        List<TrinoTpchQuery> queries = IntStream.rangeClosed(1, TrinoTpchQuery.QUERY_COUNT)
                .mapToObj(TrinoTpchQuery::load).toList();
        return Stream.of(
                target("tarn-iceberg", TpchConformanceTest::tarnOnIceberg, queries),
                target("tarn-parquet", TpchConformanceTest::tarnOnParquet, queries),
                target("duckdb-parquet", TpchConformanceTest::duckDbOnParquet, queries));
    }

    private interface ConnectionFactory {
        Connection open() throws SQLException;
    }

    private static DynamicContainer target(String name, ConnectionFactory factory, List<TrinoTpchQuery> queries) {
        LazyConnection connection = new LazyConnection(factory);
        Stream<DynamicTest> tests = queries.stream().map(query ->
                DynamicTest.dynamicTest(name + " " + query.name(), () -> run(connection.get(), query)));
        return DynamicContainer.dynamicContainer(name, tests.onClose(connection::close));
    }

    private static void run(Connection connection, TrinoTpchQuery query) throws SQLException {
        List<List<Object>> rows = null;
        try (Statement statement = connection.createStatement()) {
            for (String sql : query.statements()) {
                if (statement.execute(sql)) {
                    try (ResultSet resultSet = statement.getResultSet()) {
                        rows = ResultValues.readAll(resultSet);
                    }
                }
            }
            assertNotNull(rows, query.name() + " returned no rows");
            String difference = TrinoResultMatcher.firstDifference(query, rows);
            if (difference != null) {
                fail(query.name() + ": " + difference + "\n" + String.join(";\n", query.statements()));
            }
        } finally {
            dropCreatedViews(connection, query);
        }
    }

    /** q15 creates a view; dropping it keeps the shared TPC-H warehouse as generated. */
    private static void dropCreatedViews(Connection connection, TrinoTpchQuery query) throws SQLException {
        for (String sql : query.statements()) {
            Matcher matcher = CREATED_VIEW.matcher(sql);
            if (matcher.find()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("DROP VIEW IF EXISTS " + matcher.group(1));
                }
            }
        }
    }

    private static Connection tarnOnIceberg() throws SQLException {
        Connection connection = Engines.tarn(TpchDataset.warehouse());
        return withStatements(connection, List.of("USE " + TpchDataset.SCHEMA));
    }

    private static Connection tarnOnParquet() throws SQLException {
        return withStatements(Engines.tarnInMemory(), parquetViews("tpch_parquet"));
    }

    private static Connection duckDbOnParquet() throws SQLException {
        return withStatements(Engines.duckDb(), parquetViews("tpch_parquet"));
    }

    private static List<String> parquetViews(String schema) {
        Stream<String> views = TpchDataset.TABLES.stream().map(table ->
                "CREATE VIEW " + table + " AS SELECT * FROM read_parquet('" + TpchDataset.parquetFile(table) + "')");
        return Stream.concat(Stream.of("CREATE SCHEMA " + schema, "USE " + schema), views).toList();
    }

    private static Connection withStatements(Connection connection, List<String> statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Opens the target's connection on its first query and keeps it for the others. */
    private static final class LazyConnection {
        private final ConnectionFactory factory;
        private Connection connection;
        private SQLException failure;

        LazyConnection(ConnectionFactory factory) {
            this.factory = factory;
        }

        /** The connection; a failure to open it is reported once per query but attempted only once. */
        Connection get() throws SQLException {
            if (failure != null) {
                throw new SQLException("opening the connection failed earlier: " + failure.getMessage(), failure);
            }
            if (connection == null) {
                try {
                    connection = factory.open();
                } catch (SQLException e) {
                    failure = e;
                    throw e;
                }
            }
            return connection;
        }

        void close() {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    System.err.println("closing a TPC-H connection failed: " + e);
                }
                connection = null;
            }
        }
    }
}
