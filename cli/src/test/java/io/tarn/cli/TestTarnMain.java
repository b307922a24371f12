package io.tarn.cli;

import io.tarn.planner.engine.Engine;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestTarnMain {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final TarnMain main = new TarnMain(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    @Test
    void globalWarehouseOptionMayComeAnywhere() {
        TarnMain.Arguments arguments = TarnMain.Arguments.parse(
                new String[] {"sql", "--warehouse", "/tmp/wh", "-e", "SELECT 1", "--format=csv"});
        assertEquals("/tmp/wh", arguments.warehouse());
        assertEquals(List.of("sql"), arguments.command());
        assertEquals(Map.of("-e", "SELECT 1", "--format", "csv"), arguments.options());
    }

    @Test
    void warehouseDefaultsToTheEnvironmentOrDotWarehouse() {
        String environment = System.getenv("TARN_WAREHOUSE");
        String expected = environment == null || environment.isBlank() ? "warehouse" : environment;
        assertEquals(expected, TarnMain.Arguments.parse(new String[0]).warehouse());
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(2, main.run(new String[] {"frobnicate"}));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown command 'frobnicate'"));
        assertEquals(2, main.run(new String[] {"sql"}));
        assertEquals(2, main.run(new String[] {"sql", "-e", "SELECT 1", "-f", "x.sql"}));
        assertEquals(2, main.run(new String[] {"generate", "tpch"}));
        assertEquals(2, main.run(new String[] {"sql", "-e"}));
        assertEquals(2, main.run(new String[] {"sql", "-e", "SELECT 1", "--format", "xml"}));
        assertEquals(2, main.run(new String[] {"generate", "tpch", "--scale", "-1"}));
        assertThrows(TarnMain.UsageException.class, () -> TarnMain.Arguments.parse(new String[] {"--bogus"}));
    }

    @Test
    void helpAndClasspath() {
        assertEquals(0, main.run(new String[] {"--help"}));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("usage: tarn"));
        out.reset();
        assertEquals(0, main.run(new String[] {"classpath"}));
        assertEquals(System.getProperty("java.class.path"), out.toString(StandardCharsets.UTF_8).trim());
    }

    @Test
    void failingStatementPrintsTheErrorAndExitsWithOne(@TempDir Path warehouse) {
        int status = main.run(new String[] {"--warehouse", warehouse.toString(), "sql", "-e", "SELEC 1; SELECT 2"});
        assertEquals(1, status);
        String error = err.toString(StandardCharsets.UTF_8);
        assertTrue(error.matches("(?s)Error \\[\\w{5}]: .*"), error);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void scriptRunsInOrderWithCleanCsv(@TempDir Path warehouse) throws Exception {
        requireEngine();
        Path script = warehouse.resolve("script.sql");
        Files.writeString(script, """
                CREATE SCHEMA s;
                CREATE TABLE s.t (a INTEGER, b VARCHAR); -- a comment; with a semicolon
                INSERT INTO s.t VALUES (1, 'x;y'), (2, NULL);
                SELECT a, b FROM s.t ORDER BY a;
                """);
        int status = main.run(new String[] {"--warehouse", warehouse.resolve("wh").toString(), "sql", "-f",
                script.toString(), "--format", "csv"});
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        assertEquals("a,b\r\n1,x;y\r\n2,\r\n", out.toString(StandardCharsets.UTF_8));
        List<String> statusLines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(4, statusLines.size(), statusLines.toString());
        assertTrue(statusLines.get(3).startsWith("2 rows ("), statusLines.get(3));
    }

    @Test
    void stopsAtTheFirstFailingStatement(@TempDir Path warehouse) {
        requireEngine();
        int status = main.run(new String[] {"--warehouse", warehouse.toString(), "sql", "-e",
                "SELECT 1 AS a; SELECT * FROM no_such_table; SELECT 3 AS b", "--format", "csv"});
        assertEquals(1, status);
        assertEquals("a\r\n1\r\n", out.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no_such_table"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void generatingAgainReplacesTheTables(@TempDir Path warehouse) {
        requireEngine();
        String[] generate = {"--warehouse", warehouse.toString(), "generate", "tpch", "--scale", "0.001"};
        assertEquals(0, main.run(generate), err.toString(StandardCharsets.UTF_8));
        String first = err.toString(StandardCharsets.UTF_8);
        assertTrue(first.contains("tpch.lineitem"), first);
        err.reset();
        assertEquals(0, main.run(generate), err.toString(StandardCharsets.UTF_8));
        out.reset();
        assertEquals(0, main.run(new String[] {"--warehouse", warehouse.toString(), "sql", "-e",
                "SELECT count(*) AS n FROM tpch.nation", "--format", "csv"}), err.toString(StandardCharsets.UTF_8));
        assertEquals("n\r\n25\r\n", out.toString(StandardCharsets.UTF_8));
    }

    private static void requireEngine() {
        try (Engine engine = Engine.inMemory()) {
            Assumptions.assumeTrue(engine != null);
        } catch (UnsupportedOperationException e) {
            Assumptions.abort("engine not implemented yet: " + e.getMessage());
        }
    }
}
