package io.tarn.planner.engine;

import io.tarn.catalog.spi.TarnException;
import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.Values;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Statements end to end through the embedded engine: parse, plan, execute, read back. */
class TestEngineQueries {
    private static Engine engine;
    private static Session session;

    @BeforeAll
    static void start() {
        engine = Engine.inMemory();
        session = engine.newSession();
        update("CREATE TABLE t (a INTEGER, b VARCHAR, c DECIMAL(10, 2))");
        update("INSERT INTO t VALUES (1, 'x', 1.50), (2, 'y', NULL), (3, NULL, 2.25), (NULL, 'x', 0.10)");
    }

    @AfterAll
    static void stop() {
        session.close();
        engine.close();
    }

    private static long update(String sql) {
        try (StatementResult result = session.execute(sql)) {
            return result instanceof StatementResult.Update update ? update.count() : -1;
        }
    }

    static List<List<Object>> rows(String sql) {
        return rows(session, sql);
    }

    static List<List<Object>> rows(Session session, String sql) {
        List<List<Object>> rows = new ArrayList<>();
        try (StatementResult.Query result = (StatementResult.Query) session.execute(sql)) {
            for (Batch next = result.rows().next(); next != null; next = result.rows().next()) {
                try (Batch batch = next) {
                    for (int row = 0; row < batch.rowCount(); row++) {
                        List<Object> values = new ArrayList<>();
                        for (int column = 0; column < batch.columnCount(); column++) {
                            values.add(Values.get(batch.column(column), row));
                        }
                        rows.add(values);
                    }
                }
            }
        }
        return rows;
    }

    @Test
    void selectsWithFilterAndOrder() {
        assertEquals(List.of(List.of(2L, "y"), List.of(1L, "x")),
                rows("SELECT a, b FROM t WHERE a < 3 ORDER BY a DESC"));
    }

    @Test
    void aggregatesWithGroupBy() {
        assertEquals(List.of(List.of("x", 2L), List.of("y", 1L)),
                rows("SELECT b, count(*) FROM t WHERE b IS NOT NULL GROUP BY b ORDER BY b"));
    }

    @Test
    void joinsAndSubqueries() {
        assertEquals(List.of(List.of(1L), List.of(2L)),
                rows("SELECT a FROM t WHERE a IN (SELECT a FROM t WHERE b IS NOT NULL) ORDER BY a"));
    }

    @Test
    void stringLiteralsAreNotBlankPadded() {
        assertEquals(List.of(List.of("a", "abc"), List.of("abc", "abc")),
                rows("SELECT x, x || y FROM (VALUES ('a', 'bc'), ('abc', '')) AS v(x, y) ORDER BY x"));
        assertEquals(List.of(List.of(1L)), rows("SELECT count(*) FROM (VALUES (CAST('xy' AS CHAR(5)))) AS v(c) WHERE c = 'xy'"));
        assertEquals(List.of(List.of("日本語", 3L, "本")), rows("SELECT '日本語', CHAR_LENGTH('日本語'), SUBSTRING('日本語' FROM 2 FOR 1)"));
    }

    @Test
    void queryOverItsMemoryLimitFailsCleanlyAndTheSessionGoesOn() {
        try (Session limited = engine.newSession()) {
            limited.setSetting("memory_limit", "256KB");
            TarnException error = assertThrows(TarnException.class, () -> rows(limited,
                    "SELECT x, count(*) FROM (SELECT a * 100000 + n AS x FROM t, "
                            + "(SELECT ROW_NUMBER() OVER () AS n FROM t t1, t t2, t t3, t t4, t t5, t t6, t t7) AS many) AS g "
                            + "GROUP BY x ORDER BY x"));
            assertEquals("53200", error.sqlState(), error.getMessage());
            limited.setSetting("memory_limit", "1GB");
            assertEquals(List.of(List.of(4L)), rows(limited, "SELECT count(*) FROM t"));
        }
    }

    @Test
    void errorsCarrySqlStateAndPosition() {
        TarnException syntax = assertThrows(TarnException.class, () -> session.execute("SELECT FROM WHERE"));
        assertEquals("42601", syntax.sqlState());
        assertEquals(1, syntax.line());
        TarnException missing = assertThrows(TarnException.class, () -> session.execute("SELECT * FROM nope"));
        assertEquals("42P01", missing.sqlState());
        assertEquals(List.of(List.of(4L)), rows("SELECT count(*) FROM t"));
    }
}
