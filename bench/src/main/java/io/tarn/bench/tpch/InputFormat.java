package io.tarn.bench.tpch;

import java.util.Locale;

/** What Tarn reads: the Iceberg tables of the cached warehouse, or the same rows as plain Parquet files. */
public enum InputFormat {
    ICEBERG, PARQUET;

    public static InputFormat parse(String text) {
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--input must be iceberg or parquet, not " + text);
        }
    }
}
