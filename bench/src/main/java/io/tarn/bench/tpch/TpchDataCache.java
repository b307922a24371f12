package io.tarn.bench.tpch;

import io.tarn.catalog.parquet.ParquetBatchWriter;
import io.tarn.cli.tpch.TpchGenerator;
import io.tarn.jdbc.TarnConnection;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * A folder holding TPC-H data of one scale factor, generated once by the CLI's {@link TpchGenerator} and reused.
 * A marker file written last says the data is complete; without it (an interrupted generation) the folder's
 * {@code warehouse} and {@code parquet} subfolders are generated again from scratch.
 */
public final class TpchDataCache {
    static final String MARKER = "COMPLETE";

    /**
     * Rows per Parquet row group, as DuckDB writes them. Engines parallelize a file scan by row group; with the
     * writer's default (128 MB), SF1's lineitem has one 5.5M-row group and a small one, so no engine could use two
     * threads on it and the comparison would measure the file layout.
     */
    static final int ROW_GROUP_ROWS = 122_880;
    private static final ParquetBatchWriter.Options PARQUET_LAYOUT =
            new ParquetBatchWriter.Options(ParquetBatchWriter.Options.DEFAULT.rowGroupBytes(), ROW_GROUP_ROWS);

    private TpchDataCache() {
    }

    /** The default folder for a scale factor: {@code bench-data/tpch-sf<scale>} under the working directory. */
    public static Path defaultDirectory(double scale) {
        return Path.of("bench-data", "tpch-sf" + plain(scale));
    }

    /** The data in {@code directory}, generating it first unless the marker says it is complete for this scale. */
    public static TpchData ensure(Path directory, double scale, PrintStream progress) {
        requireNonNull(directory, "directory is null");
        requireNonNull(progress, "progress is null");
        TpchData data = new TpchData(directory.resolve("warehouse"), directory.resolve("parquet"));
        Path marker = directory.resolve(MARKER);
        String expectedMarker = markerText(scale);
        try {
            if (Files.isRegularFile(marker) && Files.readString(marker, StandardCharsets.UTF_8).equals(expectedMarker)) {
                progress.println("Using TPC-H scale " + plain(scale) + " data in " + directory);
                return data;
            }
            Files.deleteIfExists(marker);
            deleteRecursively(data.warehouse());
            deleteRecursively(data.parquetDirectory());
            Files.createDirectories(data.warehouse());
            progress.println("Generating TPC-H scale " + plain(scale) + " into " + directory + " (once)");
            generateIceberg(data.warehouse(), scale, progress);
            TpchGenerator.writeParquet(data.parquetDirectory(), scale, PARQUET_LAYOUT, progress);
            Files.writeString(marker, expectedMarker, StandardCharsets.UTF_8);
            return data;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the TPC-H cache in " + directory, e);
        }
    }

    /**
     * Only the Parquet files, in {@code directory} itself ({@code <table>.parquet}), generated unless its marker says
     * they are complete; for the micro-benchmarks, which read files directly.
     */
    public static Path ensureParquet(Path directory, double scale, PrintStream progress) {
        requireNonNull(directory, "directory is null");
        requireNonNull(progress, "progress is null");
        Path marker = directory.resolve(MARKER);
        String expectedMarker = markerText(scale);
        try {
            if (Files.isRegularFile(marker) && Files.readString(marker, StandardCharsets.UTF_8).equals(expectedMarker)) {
                return directory;
            }
            // only the files this method writes: the folder may be one the user named, holding other things
            Files.deleteIfExists(marker);
            for (String table : TpchData.tableNames()) {
                Files.deleteIfExists(directory.resolve(table + ".parquet"));
            }
            progress.println("Generating TPC-H scale " + plain(scale) + " Parquet files into " + directory + " (once)");
            TpchGenerator.writeParquet(directory, scale, PARQUET_LAYOUT, progress);
            Files.writeString(marker, expectedMarker, StandardCharsets.UTF_8);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the TPC-H Parquet files in " + directory, e);
        }
    }

    static String markerText(double scale) {
        return "tpch scale=" + plain(scale) + " parquet-row-group-rows=" + ROW_GROUP_ROWS + "\n";
    }

    /** 1 rather than 1.0, 0.1 rather than 1.0E-1. */
    public static String plain(double scale) {
        return BigDecimal.valueOf(scale).stripTrailingZeros().toPlainString();
    }

    private static void generateIceberg(Path warehouse, double scale, PrintStream progress) {
        try (Connection connection = DriverManager.getConnection("jdbc:tarn:" + warehouse.toAbsolutePath())) {
            TpchGenerator.generate(connection.unwrap(TarnConnection.class).warehouse(), scale, TpchData.SCHEMA, progress);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the benchmark warehouse " + warehouse + ": " + e.getMessage(), e);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
