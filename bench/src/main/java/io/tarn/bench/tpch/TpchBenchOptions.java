package io.tarn.bench.tpch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The options of {@code tarn bench tpch}. Defaults: scale 1, 2 threads, one warm-up round over all queries, then per
 * query 5 timed runs after 3 warm-ups, all 22 queries and then the scan query, Iceberg input, cache
 * {@code bench-data/tpch-sf<scale>}, 120 s per query run.
 */
public record TpchBenchOptions(double scale, int threads, int runs, int warmups, int warmupRounds,
                               List<BenchQuery> queries,
                               InputFormat input, Path cache, Duration timeout, boolean markdown,
                               Optional<Path> markdownFile) {

    public static final String USAGE = """
            usage: tarn bench tpch [--scale 1] [--threads 2] [--runs 5] [--warmups 3] [--warmup-rounds 1]
                                   [--queries 1,3,scan]
                                   [--input iceberg|parquet] [--cache DIR] [--timeout-seconds 120]
                                   [--markdown] [--markdown-file FILE]""";

    public TpchBenchOptions {
        requireNonNull(queries, "queries is null");
        requireNonNull(input, "input is null");
        requireNonNull(cache, "cache is null");
        requireNonNull(timeout, "timeout is null");
        requireNonNull(markdownFile, "markdownFile is null");
        if (!(scale > 0)) {
            throw new IllegalArgumentException("--scale must be positive: " + scale);
        }
        if (threads < 1 || runs < 1 || warmups < 0 || warmupRounds < 0) {
            throw new IllegalArgumentException(
                    "--threads and --runs must be at least 1, --warmups and --warmup-rounds at least 0");
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("--timeout-seconds must be positive");
        }
        queries = List.copyOf(queries);
    }

    public static TpchBenchOptions parse(List<String> args) {
        requireNonNull(args, "args is null");
        double scale = 1;
        int threads = 2;
        int runs = 5;
        int warmups = 3;
        int warmupRounds = 1;
        List<BenchQuery> queries = BenchQuery.all();
        InputFormat input = InputFormat.ICEBERG;
        Path cache = null;
        Duration timeout = Duration.ofSeconds(120);
        boolean markdown = false;
        Path markdownFile = null;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (option.equals("--markdown")) {
                markdown = true;
                continue;
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            String value = args.get(++i);
            try {
                switch (option) {
                    case "--scale" -> scale = Double.parseDouble(value);
                    case "--threads" -> threads = Integer.parseInt(value);
                    case "--runs" -> runs = Integer.parseInt(value);
                    case "--warmups" -> warmups = Integer.parseInt(value);
                    case "--warmup-rounds" -> warmupRounds = Integer.parseInt(value);
                    case "--queries" -> queries = parseQueries(value);
                    case "--input" -> input = InputFormat.parse(value);
                    case "--cache" -> cache = Path.of(value);
                    case "--timeout-seconds" -> timeout = Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
                    case "--markdown-file" -> markdownFile = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " needs a number, not " + value);
            }
        }
        return new TpchBenchOptions(scale, threads, runs, warmups, warmupRounds, queries, input,
                cache == null ? TpchDataCache.defaultDirectory(scale) : cache, timeout, markdown,
                Optional.ofNullable(markdownFile));
    }

    /** {@code 1,3,q5,scan}: see {@link BenchQuery#parse}. */
    static List<BenchQuery> parseQueries(String text) {
        return Arrays.stream(text.split(",")).map(BenchQuery::parse).toList();
    }

    /** One line for the report. */
    String describe() {
        return String.format(Locale.ROOT,
                "TPC-H scale %s, %d threads, Tarn input %s, %d warm-up round(s) over all queries, then per query %d warm-up"
                        + " + %d timed runs per engine (alternating), timeout %d s",
                TpchDataCache.plain(scale), threads,
                input.name().toLowerCase(Locale.ROOT), warmupRounds, warmups, runs, timeout.toSeconds());
    }
}
