package io.tarn.bench.tpch;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestBenchReport {
    private static final long MS = 1_000_000;

    @Test
    void theScanHasItsOwnLineAndStaysOutOfTheTpchGeomean() {
        QueryResult q1 = result(BenchQuery.tpch(1), 40 * MS, 10 * MS, -1);
        QueryResult q6 = result(BenchQuery.tpch(6), 10 * MS, 10 * MS, -1);
        // far slower than the others, so including it would move the geomean
        QueryResult scan = result(BenchQuery.SCAN, 2000 * MS, 1000 * MS, 6_000_000);
        BenchReport report = new BenchReport("settings", "environment", List.of(q1, q6, scan), -1, -1);

        assertEquals(2, report.comparedQueries());
        assertEquals(20.0 * MS, report.tarnGeomean(), 1e-3);
        assertEquals(10.0 * MS, report.duckDbGeomean(), 1e-3);
        String text = report.text();
        assertTrue(text.contains("geomean over 2 of 2 queries (both engines completed): tarn 20.0 ms, duckdb 10.0 ms, "
                + "tarn/duckdb 2.00\nscan (revenue sum over lineitem): tarn 2000 ms (3.0 M rows/s), duckdb 1000 ms "
                + "(6.0 M rows/s), tarn/duckdb 2.00\n"), text);
        assertTrue(text.contains("rows: 3 OK"), text);
        assertTrue(report.markdown().contains("| scan | 2000 |"), report.markdown());
    }

    private static QueryResult result(BenchQuery query, long tarnNanos, long duckDbNanos, long scannedRows) {
        return new QueryResult(query, QueryResult.Verdict.OK, "1 rows", new long[] {tarnNanos}, new long[] {MS},
                new long[] {duckDbNanos}, MS, scannedRows);
    }
}
