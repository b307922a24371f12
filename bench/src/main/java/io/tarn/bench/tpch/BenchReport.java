package io.tarn.bench.tpch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * The results of a TPC-H run as a text table for the terminal or a Markdown table for BENCHMARKS.md: per query the
 * medians, Tarn's planning and execution, the ratio, the row check and Tarn's peak Arrow memory; then the geometric
 * means over the TPC-H queries both engines completed, a line per query outside them (the scan), and the memory
 * peaks.
 */
public record BenchReport(String settings, String environment, List<QueryResult> results, long heapPeakBytes,
                          long processPeakResidentBytes) {

    /** Longer details (a mismatching row, an error) are cut so the table stays readable. */
    private static final int DETAIL_LENGTH = 100;

    private static final String[] HEADERS = {"query", "tarn ms", "plan ms", "exec ms", "duckdb ms", "tarn/duckdb",
            "rows", "tarn peak MB", "detail"};

    public BenchReport {
        requireNonNull(settings, "settings is null");
        requireNonNull(environment, "environment is null");
        results = List.copyOf(results);
    }

    /** Geometric mean of Tarn's medians over the TPC-H queries both engines completed, in nanoseconds; NaN if none. */
    public double tarnGeomean() {
        return geomean(inGeomean().mapToDouble(QueryResult::tarnMedian).toArray());
    }

    public double duckDbGeomean() {
        return geomean(inGeomean().mapToDouble(QueryResult::duckDbMedian).toArray());
    }

    /** How many TPC-H queries the geometric means cover. */
    public long comparedQueries() {
        return inGeomean().count();
    }

    private Stream<QueryResult> inGeomean() {
        return tpchResults().filter(QueryResult::timedOnBoth);
    }

    private Stream<QueryResult> tpchResults() {
        return results.stream().filter(result -> result.query().inTpchGeomean());
    }

    public long count(QueryResult.Verdict verdict) {
        return results.stream().filter(result -> result.verdict() == verdict).count();
    }

    public String text() {
        List<String[]> rows = tableRows();
        int[] widths = new int[HEADERS.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder text = new StringBuilder(settings).append('\n').append(environment).append("\n\n");
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            for (int i = 0; i < row.length; i++) {
                boolean leftAligned = i == 0 || i == 6 || i == row.length - 1; // text columns; numbers align right
                String cell = pad(row[i], widths[i], leftAligned);
                text.append(i == 0 ? "" : "  ").append(i == row.length - 1 ? cell.stripTrailing() : cell);
            }
            text.append('\n');
            if (r == 0) {
                text.append("-".repeat(widths.length * 2 + Arrays.stream(widths).sum())).append('\n');
            }
        }
        return text.append('\n').append(summary()).toString();
    }

    public String markdown() {
        StringBuilder text = new StringBuilder();
        text.append(settings).append("  \n").append(environment).append("\n\n");
        List<String[]> rows = tableRows();
        for (int r = 0; r < rows.size(); r++) {
            text.append("| ").append(String.join(" | ", escape(rows.get(r)))).append(" |\n");
            if (r == 0) {
                text.append("|---|---:|---:|---:|---:|---:|---|---:|---|\n");
            }
        }
        text.append('\n');
        summary().lines().forEach(line -> text.append(line).append("  \n"));
        return text.toString();
    }

    private List<String[]> tableRows() {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADERS);
        for (QueryResult result : results) {
            rows.add(new String[] {
                    result.query().name(), millis(result.tarnMedian()), millis(result.tarnPlanningMedian()),
                    millis(result.tarnExecutionMedian()), millis(result.duckDbMedian()), ratio(result.ratio()),
                    result.verdict().name(), megabytes(result.tarnPeakMemoryBytes()), abbreviate(result.detail())});
        }
        return rows;
    }

    private String summary() {
        double tarn = tarnGeomean();
        double duckDb = duckDbGeomean();
        StringBuilder summary = new StringBuilder(String.format(Locale.ROOT,
                "geomean over %d of %d queries (both engines completed): tarn %s ms, duckdb %s ms, tarn/duckdb %s\n",
                comparedQueries(), tpchResults().count(), millis(tarn), millis(duckDb), ratio(tarn / duckDb)));
        results.stream().filter(result -> !result.query().inTpchGeomean())
                .forEach(result -> summary.append(outsideGeomean(result)).append('\n'));
        return summary.append(String.format(Locale.ROOT, """
                rows: %d OK, %d MISMATCH, %d ERROR, %d TIMEOUT
                peak memory: tarn Arrow %s MB (largest query), JVM heap %s MB (sum of heap pools' peaks), process resident %s MB (both engines)
                """, count(QueryResult.Verdict.OK), count(QueryResult.Verdict.MISMATCH), count(QueryResult.Verdict.ERROR),
                count(QueryResult.Verdict.TIMEOUT),
                megabytes(results.stream().mapToLong(QueryResult::tarnPeakMemoryBytes).max().orElse(-1)),
                megabytes(heapPeakBytes), megabytes(processPeakResidentBytes))).toString();
    }

    /** E.g. {@code scan (revenue sum over lineitem): tarn 280 ms (21.4 M rows/s), duckdb ...}. */
    private static String outsideGeomean(QueryResult result) {
        return String.format(Locale.ROOT, "%s (%s): tarn %s ms%s, duckdb %s ms%s, tarn/duckdb %s", result.query().name(),
                result.query().description(), millis(result.tarnMedian()), throughput(result.tarnRowsPerSecond()),
                millis(result.duckDbMedian()), throughput(result.duckDbRowsPerSecond()), ratio(result.ratio()));
    }

    private static String throughput(double rowsPerSecond) {
        return Double.isNaN(rowsPerSecond) ? "" : String.format(Locale.ROOT, " (%.1f M rows/s)", rowsPerSecond / 1e6);
    }

    static double geomean(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double logSum = 0;
        for (double value : values) {
            logSum += Math.log(value);
        }
        return Math.exp(logSum / values.length);
    }

    private static String millis(double nanos) {
        if (Double.isNaN(nanos) || nanos < 0) {
            return "-";
        }
        double millis = nanos / 1e6;
        return millis >= 100 ? String.format(Locale.ROOT, "%.0f", millis) : String.format(Locale.ROOT, "%.1f", millis);
    }

    private static String ratio(double ratio) {
        return Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.2f", ratio);
    }

    private static String megabytes(long bytes) {
        return bytes < 0 ? "-" : String.format(Locale.ROOT, "%.0f", bytes / (1024.0 * 1024.0));
    }

    private static String abbreviate(String detail) {
        return detail.length() <= DETAIL_LENGTH ? detail : detail.substring(0, DETAIL_LENGTH - 3) + "...";
    }

    private static String pad(String text, int width, boolean left) {
        String padding = " ".repeat(Math.max(0, width - text.length()));
        return left ? text + padding : padding + text;
    }

    private static String[] escape(String[] row) {
        String[] escaped = new String[row.length];
        for (int i = 0; i < row.length; i++) {
            escaped[i] = row[i].replace("|", "\\|");
        }
        return escaped;
    }
}
