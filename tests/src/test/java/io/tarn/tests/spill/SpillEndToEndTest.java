package io.tarn.tests.spill;

import io.tarn.tests.support.Engines;
import io.tarn.tests.support.ResultValues;
import io.tarn.tests.support.TpchDataset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sort, hash aggregation, hash joins and window functions over TPC-H SF 0.01 under a memory limit small enough that
 * they spill: each query must spill (its spill directory exists while its first rows are read), return the rows of
 * the same query without the limit and DuckDB's rows, and leave no spill files once its result is closed.
 */
class SpillEndToEndTest {
    private static final String SMALL_LIMIT = "'3MB'";

    @TempDir
    static Path spillRoot;
    private static Connection tarn;
    private static Connection duckDb;

    @BeforeAll
    static void connect() throws SQLException {
        tarn = Engines.tarn(TpchDataset.warehouse());
        duckDb = Engines.duckDb();
        try (Statement statement = duckDb.createStatement()) {
            statement.execute("CREATE SCHEMA " + TpchDataset.SCHEMA);
            for (String table : TpchDataset.TABLES) {
                statement.execute("CREATE VIEW " + TpchDataset.SCHEMA + "." + table + " AS SELECT * FROM read_parquet('"
                        + TpchDataset.parquetFile(table) + "')");
            }
        }
        try (Statement statement = tarn.createStatement()) {
            // one thread: no exchanges, whose queued batches would take most of a limit this small
            statement.execute("SET threads = 1");
            statement.execute("SET batch_size = 1024");
            statement.execute("SET spill_directory = '" + spillRoot.toAbsolutePath() + "'");
        }
    }

    @AfterAll
    static void disconnect() throws SQLException {
        tarn.close();
        duckDb.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // sort, ordered by a unique key
            "SELECT l_orderkey, l_linenumber, l_shipdate, l_comment FROM tpch.lineitem ORDER BY l_comment, l_orderkey, l_linenumber",
            // aggregation with about as many groups as rows
            "SELECT l_orderkey, l_suppkey, count(*), sum(l_quantity), min(l_shipmode), max(l_comment), sum(l_extendedprice) "
                    + "FROM tpch.lineitem GROUP BY l_orderkey, l_suppkey",
            // DISTINCT aggregates: few groups, many distinct values
            "SELECT l_suppkey, count(DISTINCT l_orderkey), count(DISTINCT l_partkey), sum(l_quantity) FROM tpch.lineitem GROUP BY l_suppkey",
            // inner join with a residual condition
            "SELECT a.l_orderkey, a.l_linenumber, b.l_linenumber, b.l_comment FROM tpch.lineitem a JOIN tpch.lineitem b "
                    + "ON a.l_orderkey = b.l_orderkey AND a.l_linenumber < b.l_linenumber AND a.l_quantity > b.l_quantity",
            // full outer join
            "SELECT a.l_orderkey, a.l_linenumber, b.l_orderkey, b.l_linenumber, b.l_shipinstruct FROM tpch.lineitem a "
                    + "FULL JOIN tpch.lineitem b ON a.l_orderkey = b.l_orderkey AND a.l_linenumber = b.l_linenumber + 1 "
                    + "AND a.l_partkey < b.l_partkey",
            // semi and anti joins
            "SELECT l_orderkey, l_linenumber, l_comment FROM tpch.lineitem a WHERE EXISTS (SELECT 1 FROM tpch.lineitem b "
                    + "WHERE b.l_orderkey = a.l_orderkey AND b.l_linenumber = a.l_linenumber + 1 AND b.l_comment > a.l_comment)",
            "SELECT l_orderkey, l_linenumber, l_comment FROM tpch.lineitem l WHERE NOT EXISTS "
                    + "(SELECT 1 FROM tpch.lineitem m WHERE m.l_orderkey = l.l_orderkey AND m.l_linenumber = l.l_linenumber + 1)",
            // window functions partitioned by a key with about 100 values
            "SELECT l_orderkey, l_linenumber, row_number() OVER (PARTITION BY l_suppkey ORDER BY l_orderkey, l_linenumber), "
                    + "sum(l_quantity) OVER (PARTITION BY l_suppkey ORDER BY l_orderkey, l_linenumber), "
                    + "lag(l_comment) OVER (PARTITION BY l_suppkey ORDER BY l_orderkey, l_linenumber) FROM tpch.lineitem"})
    void spillsAndMatchesTheUnlimitedRunAndDuckDb(String sql) throws SQLException, IOException {
        boolean ordered = sql.contains("ORDER BY l_comment");
        List<List<Object>> unlimited = runOnTarn(sql, "RESET");
        assertTrue(spillDirectories().isEmpty(), "the unlimited run does not spill");
        List<List<Object>> limited = runOnTarn(sql, SMALL_LIMIT);
        assertEquals(List.of(), spillDirectories(), "the spill directory is deleted with the result");
        assertSameRows(unlimited, limited, ordered);
        try (Statement statement = duckDb.createStatement(); ResultSet resultSet = statement.executeQuery(sql)) {
            assertSameRows(ResultValues.readAll(resultSet), limited, ordered);
        }
    }

    /** Runs {@code sql} under the memory limit (RESET: the default); under a small limit it must have spilled. */
    private static List<List<Object>> runOnTarn(String sql, String memoryLimit) throws SQLException, IOException {
        try (Statement statement = tarn.createStatement()) {
            statement.execute(memoryLimit.equals("RESET") ? "SET memory_limit = '8GB'" : "SET memory_limit = " + memoryLimit);
            statement.setFetchSize(100);
            try (ResultSet resultSet = statement.executeQuery(sql)) {
                assertTrue(resultSet.next(), "the query returns rows");
                if (!memoryLimit.equals("RESET")) {
                    assertFalse(spillDirectories().isEmpty(), "spilled under " + memoryLimit + ": " + sql);
                }
                List<List<Object>> rows = new ArrayList<>();
                rows.add(ResultValues.currentRow(resultSet));
                rows.addAll(ResultValues.readAll(resultSet));
                return rows;
            }
        }
    }

    private static List<Path> spillDirectories() throws IOException {
        try (Stream<Path> paths = Files.list(spillRoot)) {
            return paths.toList();
        }
    }

    private static void assertSameRows(List<List<Object>> expected, List<List<Object>> actual, boolean ordered) {
        assertEquals(expected.size(), actual.size(), "row count");
        List<List<Object>> left = ordered ? expected : sortedRows(expected);
        List<List<Object>> right = ordered ? actual : sortedRows(actual);
        for (int row = 0; row < left.size(); row++) {
            for (int column = 0; column < left.get(row).size(); column++) {
                Object a = left.get(row).get(column);
                Object b = right.get(row).get(column);
                assertTrue(ResultValues.sameValue(a, b), "row " + row + " column " + column + ": " + a + " vs " + b);
            }
        }
    }

    private static List<List<Object>> sortedRows(List<List<Object>> rows) {
        List<List<Object>> copy = new ArrayList<>(rows);
        copy.sort(Comparator.comparing(ResultValues::render));
        return copy;
    }
}
