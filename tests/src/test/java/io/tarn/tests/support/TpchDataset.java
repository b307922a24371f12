package io.tarn.tests.support;

import io.tarn.cli.tpch.TpchGenerator;
import io.tarn.planner.engine.Engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * TPC-H at scale factor 0.01, generated once per JVM by Tarn's generator: Iceberg tables in schema {@code tpch} of a
 * temporary warehouse, and the same rows as plain Parquet files {@code <dir>/<table>.parquet}. Both are deleted when
 * the JVM exits.
 */
public final class TpchDataset {
    public static final double SCALE = 0.01;
    public static final String SCHEMA = "tpch";
    public static final List<String> TABLES =
            List.of("nation", "region", "part", "supplier", "partsupp", "customer", "orders", "lineitem");

    private static Path warehouse;
    private static Path parquetDirectory;
    /** A failed generation is not retried: every later user would pay for it and fail the same way. */
    private static Throwable failure;

    private TpchDataset() {
    }

    /** The warehouse holding the Iceberg tables {@code tpch.<table>}, generated on first use. */
    public static synchronized Path warehouse() {
        rethrowEarlierFailure();
        if (warehouse == null) {
            Path directory = temporaryDirectory("tarn-tpch-warehouse");
            try (Engine engine = Engine.open(directory)) {
                TpchGenerator.generate(engine.warehouse(), SCALE, SCHEMA);
            } catch (RuntimeException | LinkageError e) {
                failure = e;
                throw e;
            }
            warehouse = directory;
        }
        return warehouse;
    }

    /** The directory holding {@code <table>.parquet} for every table, generated on first use. */
    public static synchronized Path parquetDirectory() {
        rethrowEarlierFailure();
        if (parquetDirectory == null) {
            Path directory = temporaryDirectory("tarn-tpch-parquet");
            try {
                TpchGenerator.writeParquet(directory, SCALE);
            } catch (RuntimeException | LinkageError e) {
                failure = e;
                throw e;
            }
            parquetDirectory = directory;
        }
        return parquetDirectory;
    }

    public static Path parquetFile(String table) {
        return parquetDirectory().resolve(table + ".parquet").toAbsolutePath();
    }

    private static void rethrowEarlierFailure() {
        if (failure != null) {
            throw new IllegalStateException("TPC-H generation failed earlier in this JVM: " + failure, failure);
        }
    }

    private static Path temporaryDirectory(String prefix) {
        try {
            Path directory = Files.createTempDirectory(prefix);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(directory)));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // best effort at JVM exit; the directory is under the system temp directory anyway
        }
    }
}
