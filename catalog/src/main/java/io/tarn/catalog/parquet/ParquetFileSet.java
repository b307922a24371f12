package io.tarn.catalog.parquet;

import io.tarn.catalog.spi.CatalogException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * The Parquet files behind a path: a file, a directory (every *.parquet below it) or a glob ({@code *}, {@code ?},
 * {@code [..]}, {@code **} for any number of directories). Hive-style {@code key=value} directory levels between the
 * base directory and a file become that file's partition values. Files whose name starts with '.' or '_' (temporary,
 * metadata) are skipped. Files are sorted by path so scans are deterministic.
 */
public record ParquetFileSet(String pattern, List<DataFile> files, List<String> partitionKeys) {

    /** One file and its hive partition values (raw strings, null for Hive's default partition), in key order. */
    public record DataFile(Path path, List<String> partitionValues) {
    }

    private static final String HIVE_NULL = "__HIVE_DEFAULT_PARTITION__";

    public ParquetFileSet {
        files = List.copyOf(files);
        partitionKeys = List.copyOf(partitionKeys);
    }

    /** Resolves {@code pathOrGlob}; an empty result is not an error here (see {@link #requireFiles()}). */
    public static ParquetFileSet resolve(String pathOrGlob) {
        requireNonNull(pathOrGlob, "pathOrGlob is null");
        String pattern = pathOrGlob.startsWith("file:") ? Path.of(java.net.URI.create(pathOrGlob)).toString() : pathOrGlob;
        int firstGlob = firstGlobCharacter(pattern);
        Path base;
        List<Path> paths;
        if (firstGlob < 0) {
            base = Path.of(pattern).toAbsolutePath().normalize();
            paths = Files.isDirectory(base) ? walk(base, path -> true) : Files.isRegularFile(base) ? List.of(base) : List.of();
            if (Files.isRegularFile(base)) {
                base = base.getParent();
            }
        } else {
            int slash = pattern.lastIndexOf('/', firstGlob);
            base = Path.of(slash < 0 ? "." : slash == 0 ? "/" : pattern.substring(0, slash)).toAbsolutePath().normalize();
            String absolutePattern = base + "/" + pattern.substring(slash + 1);
            List<PathMatcher> matchers = new ArrayList<>();
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + absolutePattern));
            if (absolutePattern.contains("**/")) {
                // '**' should also match zero directories, as in DuckDB and shells with globstar
                matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + absolutePattern.replace("**/", "")));
            }
            paths = Files.isDirectory(base) ? walk(base, path -> matchers.stream().anyMatch(m -> m.matches(path))) : List.of();
        }
        return withPartitions(pathOrGlob, base, paths);
    }

    /** This set, or 58030 naming the pattern when it matched no file. */
    public ParquetFileSet requireFiles() {
        if (files.isEmpty()) {
            throw new CatalogException(CatalogException.IO_ERROR, "No files found that match the pattern \"" + pattern + "\"");
        }
        return this;
    }

    private static int firstGlobCharacter(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{') {
                return i;
            }
        }
        return -1;
    }

    private static List<Path> walk(Path base, java.util.function.Predicate<Path> accept) {
        try (Stream<Path> stream = Files.walk(base)) {
            return stream.filter(Files::isRegularFile)
                    .filter(path -> isDataFileName(path.getFileName().toString()))
                    .filter(accept)
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new CatalogException(CatalogException.IO_ERROR, "cannot list " + base + ": " + e.getMessage(), e);
        }
    }

    static boolean isDataFileName(String name) {
        return name.endsWith(".parquet") && !name.startsWith(".") && !name.startsWith("_");
    }

    private static ParquetFileSet withPartitions(String pattern, Path base, List<Path> paths) {
        List<String> keys = null;
        List<DataFile> files = new ArrayList<>();
        for (Path path : paths) {
            Map<String, String> partitions = hivePartitions(base, path);
            if (keys == null) {
                keys = List.copyOf(partitions.keySet());
            } else if (!keys.equals(List.copyOf(partitions.keySet()))) {
                throw new CatalogException(CatalogException.DATA_EXCEPTION, "hive partition directories of " + path
                        + " have keys " + partitions.keySet() + ", other files have " + keys);
            }
            files.add(new DataFile(path, new ArrayList<>(partitions.values())));
        }
        return new ParquetFileSet(pattern, files, keys == null ? List.of() : keys);
    }

    private static Map<String, String> hivePartitions(Path base, Path file) {
        Map<String, String> partitions = new LinkedHashMap<>();
        Path relative = base.relativize(file);
        for (int i = 0; i < relative.getNameCount() - 1; i++) {
            String level = relative.getName(i).toString();
            int equals = level.indexOf('=');
            if (equals > 0) {
                String value = unescape(level.substring(equals + 1));
                partitions.put(level.substring(0, equals), HIVE_NULL.equals(value) ? null : value);
            }
        }
        return partitions;
    }

    /** Hive escapes special characters in directory names as %XX. */
    private static String unescape(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        StringBuilder result = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < value.length() && isHex(value.charAt(i + 1)) && isHex(value.charAt(i + 2))) {
                result.append((char) Integer.parseInt(value.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                result.append(c);
            }
        }
        return result.toString();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
