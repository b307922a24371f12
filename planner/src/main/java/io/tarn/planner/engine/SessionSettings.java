package io.tarn.planner.engine;

import io.tarn.planner.convert.PlanningException;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** A session's settings (SET name = value), validated when set. */
final class SessionSettings {
    static final String THREADS = "threads";
    static final String MEMORY_LIMIT = "memory_limit";
    static final String BATCH_SIZE = "batch_size";
    static final String TIME_ZONE = "time_zone";
    static final String DISABLED_OPTIMIZERS = "disabled_optimizers";
    /** Where queries over their memory budget write spill files; empty for java.io.tmpdir. */
    static final String SPILL_DIRECTORY = "spill_directory";

    private final Map<String, String> values = new TreeMap<>();

    SessionSettings(long defaultMemoryLimit) {
        values.put(THREADS, Integer.toString(Runtime.getRuntime().availableProcessors()));
        values.put(MEMORY_LIMIT, Long.toString(defaultMemoryLimit));
        values.put(BATCH_SIZE, "8192");
        values.put(TIME_ZONE, ZoneId.systemDefault().getId());
        values.put(DISABLED_OPTIMIZERS, "");
        values.put(SPILL_DIRECTORY, "");
    }

    String get(String name) {
        String value = values.get(name.toLowerCase(Locale.ROOT));
        if (value == null) {
            throw unknown(name);
        }
        return value;
    }

    void set(String name, String value) {
        String key = name.toLowerCase(Locale.ROOT);
        if (!values.containsKey(key)) {
            throw unknown(name);
        }
        try {
            switch (key) {
                case THREADS -> requireRange(key, Integer.parseInt(value), 1, 1024);
                case BATCH_SIZE -> requireRange(key, Integer.parseInt(value), 1, 1 << 20);
                case MEMORY_LIMIT -> values.put(key, Long.toString(parseBytes(value)));
                case TIME_ZONE -> ZoneId.of(value);
                case SPILL_DIRECTORY -> Path.of(value);
                default -> {
                }
            }
        } catch (NumberFormatException | java.time.DateTimeException | InvalidPathException e) {
            throw new PlanningException(PlanningException.INVALID_PARAMETER, "invalid value for " + key + ": " + value);
        }
        if (!key.equals(MEMORY_LIMIT)) {
            values.put(key, value);
        }
    }

    int threads() {
        return Integer.parseInt(values.get(THREADS));
    }

    int batchSize() {
        return Integer.parseInt(values.get(BATCH_SIZE));
    }

    long memoryLimit() {
        return Long.parseLong(values.get(MEMORY_LIMIT));
    }

    ZoneId timeZone() {
        return ZoneId.of(values.get(TIME_ZONE));
    }

    /** The parent of each query's spill directory, or null for java.io.tmpdir. */
    Path spillDirectory() {
        String value = values.get(SPILL_DIRECTORY).trim();
        return value.isEmpty() ? null : Path.of(value);
    }

    Set<String> disabledOptimizers() {
        String value = values.get(DISABLED_OPTIMIZERS).trim();
        return value.isEmpty() ? Set.of() : Set.of(value.toLowerCase(Locale.ROOT).split("\\s*,\\s*"));
    }

    /** Accepts plain bytes or a number with KB, MB, GB (powers of 1024), as DuckDB's memory_limit does. */
    static long parseBytes(String text) {
        String value = text.trim().toUpperCase(Locale.ROOT).replace(" ", "");
        long multiplier = 1;
        for (String[] unit : new String[][] {{"GIB", "1073741824"}, {"GB", "1073741824"}, {"MIB", "1048576"}, {"MB", "1048576"},
                {"KIB", "1024"}, {"KB", "1024"}, {"B", "1"}}) {
            if (value.endsWith(unit[0])) {
                multiplier = Long.parseLong(unit[1]);
                value = value.substring(0, value.length() - unit[0].length());
                break;
            }
        }
        long bytes = (long) (Double.parseDouble(value) * multiplier);
        if (bytes <= 0) {
            throw new NumberFormatException(text);
        }
        return bytes;
    }

    private static void requireRange(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new PlanningException(PlanningException.INVALID_PARAMETER, key + " must be between " + min + " and " + max);
        }
    }

    private static PlanningException unknown(String name) {
        return new PlanningException(PlanningException.INVALID_PARAMETER, "unknown setting: " + name);
    }
}
