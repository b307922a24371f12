package io.tarn.bench.tpch;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * {@code tarn bench tpch}: makes sure the data is cached, runs the warm-up rounds (every query once per engine, so the
 * JIT has compiled the code all queries share before any is timed), then for each query runs the warm-ups (Tarn,
 * DuckDB) and the timed runs alternating Tarn, DuckDB, Tarn, ...; an engine that fails or times out on a query is not
 * run again on it. Progress goes to {@code progress}, the report to {@code out}.
 */
public final class TpchBenchmark {
    private final TpchBenchOptions options;
    private final PrintStream out;
    private final PrintStream progress;

    public TpchBenchmark(TpchBenchOptions options, PrintStream out, PrintStream progress) {
        this.options = requireNonNull(options, "options is null");
        this.out = requireNonNull(out, "out is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    public BenchReport run() throws IOException {
        TpchData data = TpchDataCache.ensure(options.cache(), options.scale(), progress);
        PeakMemory.reset();
        List<QueryResult> results = new ArrayList<>();
        try (EngineSession tarn = new EngineSession(new TarnBenchEngine(data, options.input(), options.threads()));
             EngineSession duckDb = new EngineSession(new DuckDbBenchEngine(data, options.threads()))) {
            warmUpRounds(tarn, duckDb);
            for (BenchQuery query : options.queries()) {
                QueryResult result = measure(query, tarn, duckDb);
                progress.printf(Locale.ROOT, "%s  tarn %s ms  duckdb %s ms  %s %s%n", query.name(),
                        millis(result.tarnMedian()), millis(result.duckDbMedian()), result.verdict(), result.detail());
                results.add(result);
            }
        }
        BenchReport report = new BenchReport(options.describe(), environment(), results, PeakMemory.heapPeakBytes(),
                PeakMemory.processPeakResidentBytes());
        out.println(options.markdown() ? report.markdown() : report.text());
        if (options.markdownFile().isPresent()) {
            Path file = options.markdownFile().get();
            Files.writeString(file, report.markdown(), StandardCharsets.UTF_8);
            progress.println("Markdown table written to " + file);
        }
        return report;
    }

    /**
     * The JVM compiles an engine's shared code (scan, decoding, hashing, operators) over seconds of use: measured in a
     * fresh JVM, the first queries' times would be mostly interpreter and compiler time. Outcomes are not kept: a
     * query that fails here fails again in its own runs and is reported there.
     */
    private void warmUpRounds(EngineSession tarn, EngineSession duckDb) {
        for (int round = 1; round <= options.warmupRounds(); round++) {
            long start = System.nanoTime();
            for (BenchQuery query : options.queries()) {
                tarn.run(query, options.timeout());
                duckDb.run(query, options.timeout());
            }
            progress.printf(Locale.ROOT, "warm-up round %d of %d: %.1f s%n", round, options.warmupRounds(),
                    (System.nanoTime() - start) / 1e9);
        }
    }

    private QueryResult measure(BenchQuery query, EngineSession tarn, EngineSession duckDb) {
        List<RunOutcome> tarnRuns = new ArrayList<>();
        List<RunOutcome> duckDbRuns = new ArrayList<>();
        for (int i = 0; i < options.warmups(); i++) {
            runUnlessFailed(tarn, query, tarnRuns);
            runUnlessFailed(duckDb, query, duckDbRuns);
        }
        // warm-up failures stay in the lists (they decide the verdict); successful warm-ups are not timed results
        tarnRuns.removeIf(RunOutcome::ok);
        duckDbRuns.removeIf(RunOutcome::ok);
        for (int i = 0; i < options.runs(); i++) {
            runUnlessFailed(tarn, query, tarnRuns);
            runUnlessFailed(duckDb, query, duckDbRuns);
        }
        long scannedRows = query.scannedTable().map(table -> countRows(duckDb, table)).orElse(-1L);
        return QueryResult.of(query, tarnRuns, duckDbRuns, scannedRows);
    }

    private void runUnlessFailed(EngineSession session, BenchQuery query, List<RunOutcome> runs) {
        if (runs.stream().allMatch(RunOutcome::ok)) {
            runs.add(session.run(query, options.timeout()));
        }
    }

    /** Untimed, after the query's runs so it warms nothing up: the table's rows, or -1 if the count fails. */
    private long countRows(EngineSession session, String table) {
        BenchQuery count = new BenchQuery("count " + table, "rows of " + table,
                List.of("SELECT count(*) FROM " + table), Optional.empty(), false, false, Optional.empty());
        RunOutcome outcome = session.run(count, options.timeout());
        return outcome.ok() ? ((Number) outcome.rows().get(0).get(0)).longValue() : -1;
    }

    private static String environment() {
        Runtime runtime = Runtime.getRuntime();
        String commit = System.getProperty("tarn.commit", "unknown");
        return String.format(Locale.ROOT, "%s, commit %s, Java %s (%s), %s %s, %d cores, max heap %d MB",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), commit, System.getProperty("java.version"),
                System.getProperty("java.vm.name"), System.getProperty("os.name"), System.getProperty("os.arch"),
                runtime.availableProcessors(), runtime.maxMemory() >> 20)
                + ", JVM flags " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments())
                + mallocSettings();
    }

    /** The glibc malloc settings the launcher exports (they decide whether Arrow buffers fault in again per query). */
    private static String mallocSettings() {
        StringBuilder settings = new StringBuilder();
        System.getenv().entrySet().stream()
                .filter(variable -> variable.getKey().startsWith("MALLOC_"))
                .sorted(Map.Entry.comparingByKey())
                .forEach(variable -> settings.append(", ").append(variable.getKey()).append('=').append(variable.getValue()));
        return settings.toString();
    }

    private static String millis(long nanos) {
        return nanos < 0 ? "-" : String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }
}
