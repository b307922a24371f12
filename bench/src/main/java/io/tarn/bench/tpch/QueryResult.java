package io.tarn.bench.tpch;

import java.util.Arrays;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The timed runs of one query on both engines and whether their rows agreed. Times are in nanoseconds; a median is
 * -1 when the engine has no successful timed run. Tarn's execution time of a run is its total minus its planning.
 * {@code scannedRows} is the row count of the query's {@link BenchQuery#scannedTable}, or -1 if it has none or it is
 * unknown.
 */
public record QueryResult(BenchQuery query, Verdict verdict, String detail, long[] tarnTotals, long[] tarnPlanning,
                          long[] duckDbTotals, long tarnPeakMemoryBytes, long scannedRows) {

    public enum Verdict { OK, MISMATCH, ERROR, TIMEOUT }

    public QueryResult {
        requireNonNull(query, "query is null");
        requireNonNull(verdict, "verdict is null");
        tarnTotals = tarnTotals.clone();
        tarnPlanning = tarnPlanning.clone();
        duckDbTotals = duckDbTotals.clone();
    }

    /** Summarizes the timed runs; the rows compared are those of each engine's last successful run. */
    static QueryResult of(BenchQuery query, List<RunOutcome> tarnRuns, List<RunOutcome> duckDbRuns, long scannedRows) {
        long[] tarnTotals = tarnRuns.stream().filter(RunOutcome::ok).mapToLong(RunOutcome::totalNanos).toArray();
        long[] tarnPlanning = tarnRuns.stream().filter(RunOutcome::ok).mapToLong(RunOutcome::planningNanos).toArray();
        long[] duckDbTotals = duckDbRuns.stream().filter(RunOutcome::ok).mapToLong(RunOutcome::totalNanos).toArray();
        long peak = tarnRuns.stream().mapToLong(RunOutcome::peakMemoryBytes).max().orElse(-1);
        RunOutcome tarnFailure = firstFailure(tarnRuns);
        RunOutcome duckDbFailure = firstFailure(duckDbRuns);
        Verdict verdict;
        String detail = "";
        if (isTimeout(tarnFailure) || isTimeout(duckDbFailure)) {
            verdict = Verdict.TIMEOUT;
            detail = isTimeout(tarnFailure) ? "tarn " + tarnFailure.error() : "duckdb " + duckDbFailure.error();
        } else if (tarnFailure != null || duckDbFailure != null) {
            verdict = Verdict.ERROR;
            detail = tarnFailure != null ? "tarn: " + tarnFailure.error() : "duckdb: " + duckDbFailure.error();
        } else if (tarnRuns.isEmpty() || duckDbRuns.isEmpty()) {
            verdict = Verdict.ERROR;
            detail = "no runs";
        } else {
            List<List<Object>> expected = duckDbRuns.get(duckDbRuns.size() - 1).rows();
            List<List<Object>> actual = tarnRuns.get(tarnRuns.size() - 1).rows();
            detail = RowComparator.firstDifference(expected, actual, query.ordered()).orElse("");
            verdict = detail.isEmpty() ? Verdict.OK : Verdict.MISMATCH;
            if (verdict == Verdict.OK) {
                detail = expected.size() + " rows";
            }
        }
        return new QueryResult(query, verdict, detail, tarnTotals, tarnPlanning, duckDbTotals, peak, scannedRows);
    }

    private static RunOutcome firstFailure(List<RunOutcome> runs) {
        return runs.stream().filter(run -> !run.ok()).findFirst().orElse(null);
    }

    private static boolean isTimeout(RunOutcome outcome) {
        return outcome != null && outcome.status() == RunOutcome.Status.TIMEOUT;
    }

    public long tarnMedian() {
        return median(tarnTotals);
    }

    public long duckDbMedian() {
        return median(duckDbTotals);
    }

    /** Median planning time, or -1 if unknown. */
    public long tarnPlanningMedian() {
        return tarnPlanning.length == 0 || Arrays.stream(tarnPlanning).anyMatch(nanos -> nanos < 0) ? -1 : median(tarnPlanning);
    }

    /** Median of each run's total minus its planning, or -1 if unknown. */
    public long tarnExecutionMedian() {
        if (tarnPlanningMedian() < 0) {
            return -1;
        }
        long[] execution = new long[tarnTotals.length];
        for (int i = 0; i < execution.length; i++) {
            execution[i] = tarnTotals[i] - tarnPlanning[i];
        }
        return median(execution);
    }

    /** Whether both engines have timings, so a TPC-H query counts in the geometric means. */
    public boolean timedOnBoth() {
        return tarnTotals.length > 0 && duckDbTotals.length > 0;
    }

    public double ratio() {
        return timedOnBoth() ? (double) tarnMedian() / duckDbMedian() : Double.NaN;
    }

    /** {@link #scannedRows} per second of Tarn's median, or NaN if either is unknown. */
    public double tarnRowsPerSecond() {
        return rowsPerSecond(tarnMedian());
    }

    public double duckDbRowsPerSecond() {
        return rowsPerSecond(duckDbMedian());
    }

    private double rowsPerSecond(long medianNanos) {
        return scannedRows < 0 || medianNanos <= 0 ? Double.NaN : scannedRows * 1e9 / medianNanos;
    }

    static long median(long[] values) {
        if (values.length == 0) {
            return -1;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
