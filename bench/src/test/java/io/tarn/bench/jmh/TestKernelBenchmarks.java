package io.tarn.bench.jmh;

import io.tarn.executor.plan.JoinType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each micro-benchmark's setup, one invocation and teardown at SF 0.001: the kernel computes what DuckDB computes
 * over the same Parquet file (row counts), and the teardown's allocator close proves no Arrow memory leaked.
 */
class TestKernelBenchmarks {
    private static final Blackhole BLACKHOLE =
            new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");

    @TempDir
    static Path data;

    @BeforeAll
    static void useTinyData() {
        System.setProperty("tarn.jmh.scale", "0.001");
        System.setProperty("tarn.jmh.data", data.toString());
    }

    @AfterAll
    static void restoreDefaults() {
        System.clearProperty("tarn.jmh.scale");
        System.clearProperty("tarn.jmh.data");
        BLACKHOLE.evaporate("Yes, I am Stephen Hawking, and know a thing or two about black holes.");
    }

    @Test
    void scanReadsEveryRow() throws Exception {
        long lineitemRows = duckDb("SELECT count(*) FROM " + file("lineitem"));
        for (String columns : new String[] {"q1", "keys", "comment"}) {
            ParquetScanBenchmark benchmark = new ParquetScanBenchmark();
            benchmark.columns = columns;
            benchmark.setUp();
            try {
                assertEquals(lineitemRows, benchmark.scan(BLACKHOLE), columns);
            } finally {
                benchmark.tearDown();
            }
        }
    }

    @Test
    void aggregationFindsEveryGroup() throws Exception {
        assertGroups("q1", "SELECT count(*) FROM (SELECT DISTINCT l_returnflag, l_linestatus FROM " + file("lineitem") + ")");
        assertGroups("orderkey", "SELECT count(DISTINCT l_orderkey) FROM " + file("lineitem"));
    }

    private void assertGroups(String grouping, String expectedSql) throws Exception {
        HashAggregateBenchmark benchmark = new HashAggregateBenchmark();
        benchmark.grouping = grouping;
        benchmark.setUp();
        try {
            assertEquals(duckDb(expectedSql), benchmark.aggregate(BLACKHOLE), grouping);
        } finally {
            benchmark.tearDown();
        }
    }

    @Test
    void joinEmitsEveryMatch() throws Exception {
        String join = file("lineitem") + " JOIN " + file("orders") + " ON l_orderkey = o_orderkey";
        assertJoinRows(JoinType.INNER, duckDb("SELECT count(*) FROM " + join));
        assertJoinRows(JoinType.SEMI, duckDb("SELECT count(*) FROM " + file("lineitem")
                + " WHERE l_orderkey IN (SELECT o_orderkey FROM " + file("orders") + ")"));
    }

    private void assertJoinRows(JoinType type, long expected) {
        HashJoinBenchmark benchmark = new HashJoinBenchmark();
        benchmark.joinType = type;
        benchmark.setUp();
        try {
            assertEquals(expected, benchmark.join(BLACKHOLE), type.name());
        } finally {
            benchmark.tearDown();
        }
    }

    @Test
    void sortKeepsEveryRowOrTheTopN() throws Exception {
        long lineitemRows = duckDb("SELECT count(*) FROM " + file("lineitem"));
        for (long limit : new long[] {-1, 100}) {
            SortBenchmark benchmark = new SortBenchmark();
            benchmark.limit = limit;
            benchmark.setUp();
            try {
                assertEquals(limit < 0 ? lineitemRows : Math.min(limit, lineitemRows), benchmark.sort(BLACKHOLE));
            } finally {
                benchmark.tearDown();
            }
        }
    }

    @Test
    void expressionsProjectEveryRowAndFilterAsSqlDoes() throws Exception {
        ExpressionBenchmark benchmark = new ExpressionBenchmark();
        benchmark.setUp();
        try {
            assertEquals(duckDb("SELECT count(*) FROM " + file("lineitem")), benchmark.project(BLACKHOLE));
            long shipped = duckDb("SELECT count(*) FROM " + file("lineitem") + " WHERE l_shipdate <= DATE '1998-09-02'");
            assertEquals(shipped, benchmark.filter(BLACKHOLE));
            assertTrue(shipped > 0);
        } finally {
            benchmark.tearDown();
        }
    }

    private static String file(String table) {
        return "read_parquet('" + JmhData.file(table) + "')";
    }

    private static long duckDb(String sql) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("autoinstall_known_extensions", "false");
        properties.setProperty("autoload_known_extensions", "false");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:", properties);
             Statement statement = connection.createStatement();
             ResultSet resultSet = statement.executeQuery(sql)) {
            resultSet.next();
            return resultSet.getLong(1);
        }
    }
}
