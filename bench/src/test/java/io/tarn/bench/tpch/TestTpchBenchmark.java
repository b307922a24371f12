package io.tarn.bench.tpch;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole harness at SF 0.01 on a few queries and the scan: data cached once, both engines run, rows compared,
 * report written.
 */
class TestTpchBenchmark {
    private static final double SCALE = 0.01;
    private static final long SF_001_LINEITEM_ROWS = 60_175;

    @TempDir
    static Path cache;

    @BeforeAll
    static void generateOnce() {
        TpchDataCache.ensure(cache, SCALE, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @Test
    void bothEnginesReturnTheSameRowsAndTheReportSaysSo() throws Exception {
        Path markdownFile = cache.resolve("result.md");
        List<BenchQuery> queries = List.of(BenchQuery.tpch(1), BenchQuery.tpch(6), BenchQuery.tpch(15), BenchQuery.SCAN);
        TpchBenchOptions options = new TpchBenchOptions(SCALE, 2, 1, 0, 1, queries, InputFormat.ICEBERG, cache,
                Duration.ofSeconds(60), false, Optional.of(markdownFile));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        BenchReport report = new TpchBenchmark(options, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(progress, true, StandardCharsets.UTF_8)).run();

        assertEquals(4, report.results().size());
        for (QueryResult result : report.results()) {
            String name = result.query().name();
            assertEquals(QueryResult.Verdict.OK, result.verdict(), name + ": " + result.detail());
            assertTrue(result.tarnPlanningMedian() > 0, name);
            assertTrue(result.tarnExecutionMedian() >= 0, name);
            assertTrue(result.tarnPeakMemoryBytes() > 0, name);
        }
        QueryResult scan = report.results().get(3);
        assertEquals(SF_001_LINEITEM_ROWS, scan.scannedRows());
        assertTrue(scan.tarnRowsPerSecond() > 0 && scan.duckDbRowsPerSecond() > 0);
        // the geometric means cover the three TPC-H queries only
        assertEquals(3, report.comparedQueries());
        double tarnProduct = report.results().subList(0, 3).stream().mapToDouble(QueryResult::tarnMedian)
                .reduce(1, (a, b) -> a * b);
        assertEquals(Math.cbrt(tarnProduct), report.tarnGeomean(), report.tarnGeomean() * 1e-9);
        assertTrue(progress.toString(StandardCharsets.UTF_8).contains("Using TPC-H scale"), "the cache is reused");
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("q15") && text.contains("tarn/duckdb"), text);
        assertTrue(text.contains("geomean over 3 of 3 queries"), text);
        assertTrue(text.contains("\nscan (revenue sum over lineitem): tarn "), text);
        String markdown = Files.readString(markdownFile);
        assertTrue(markdown.contains("| q06 |") && markdown.contains("| scan |"), markdown);
        assertTrue(markdown.contains("M rows/s), tarn/duckdb "), markdown);
    }

    @Test
    void aWrongAnswerFromOneEngineIsDetected() {
        TpchData data = TpchDataCache.ensure(cache, SCALE, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        BenchQuery q1 = BenchQuery.tpch(1);
        RunOutcome tarn;
        RunOutcome duckDb;
        try (EngineSession tarnSession = new EngineSession(new TarnBenchEngine(data, InputFormat.PARQUET, 1));
             EngineSession duckDbSession = new EngineSession(new DuckDbBenchEngine(data, 1))) {
            tarn = tarnSession.run(q1, Duration.ofSeconds(60));
            duckDb = duckDbSession.run(q1, Duration.ofSeconds(60));
        }
        assertEquals(QueryResult.Verdict.OK, QueryResult.of(q1, List.of(tarn), List.of(duckDb), -1).verdict());

        // drop the last character of one string value, as a subtly wrong engine might
        List<List<Object>> wrongRows = new ArrayList<>(tarn.rows());
        List<Object> firstRow = new ArrayList<>(wrongRows.get(0));
        String flag = (String) firstRow.get(0);
        firstRow.set(0, flag + "?");
        wrongRows.set(0, firstRow);
        RunOutcome wrong = RunOutcome.ok(wrongRows, tarn.totalNanos(), tarn.planningNanos(), tarn.peakMemoryBytes());
        QueryResult result = QueryResult.of(q1, List.of(wrong), List.of(duckDb), -1);
        assertEquals(QueryResult.Verdict.MISMATCH, result.verdict());
        assertTrue(result.detail().contains(flag + "?"), result.detail());
    }

    /** A run's time limit that only keeps a broken engine from hanging the build; nothing here measures speed. */
    private static final Duration HANG_GUARD = Duration.ofMinutes(30);

    @Test
    void aQueryOverItsTimeLimitIsCancelledAndReported() {
        TpchData data = TpchDataCache.ensure(cache, SCALE, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try (EngineSession tarn = new EngineSession(new TarnBenchEngine(data, InputFormat.ICEBERG, 1))) {
            RunOutcome outcome = tarn.run(BenchQuery.tpch(9), Duration.ofMillis(1));
            assertEquals(RunOutcome.Status.TIMEOUT, outcome.status(), String.valueOf(outcome.error()));
            // the session is still usable afterwards: the next query completes
            RunOutcome next = tarn.run(BenchQuery.tpch(6), HANG_GUARD);
            assertTrue(next.ok(), String.valueOf(next.error()));
        }
    }
}
