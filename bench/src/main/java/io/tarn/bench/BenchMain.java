package io.tarn.bench;

import io.tarn.bench.tpch.TpchBenchOptions;
import io.tarn.bench.tpch.TpchBenchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code tarn bench}: the TPC-H comparison with DuckDB, or the JMH micro-benchmarks of the hot kernels.
 * <pre>
 * tarn bench tpch [options]          see {@link TpchBenchOptions#USAGE}
 * tarn bench jmh [REGEX] [JMH ARGS]  JMH's own command line (e.g. -f 1 -wi 3 -i 5); default: every benchmark
 * </pre>
 */
public final class BenchMain {
    static final String USAGE = TpchBenchOptions.USAGE
            + "\n       tarn bench jmh [REGEX] [JMH OPTIONS]   (JMH's own options, e.g. -f 1 -wi 3 -i 5; -h lists them)";

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.isEmpty() || List.of("help", "-h", "--help").contains(args.get(0))) {
            out.println(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        List<String> rest = args.subList(1, args.size());
        switch (args.get(0)) {
            case "tpch" -> {
                TpchBenchOptions options;
                try {
                    options = TpchBenchOptions.parse(rest);
                } catch (IllegalArgumentException e) {
                    err.println("tarn bench: " + e.getMessage());
                    err.println(USAGE);
                    return 2;
                }
                try {
                    new TpchBenchmark(options, out, err).run();
                    return 0;
                } catch (IOException | RuntimeException e) {
                    err.println("tarn bench: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
                    return 1;
                }
            }
            case "jmh" -> {
                org.openjdk.jmh.Main.main(new ArrayList<>(rest).toArray(String[]::new));
                return 0;
            }
            default -> {
                err.println("tarn bench: unknown benchmark '" + args.get(0) + "'");
                err.println(USAGE);
                return 2;
            }
        }
    }
}
