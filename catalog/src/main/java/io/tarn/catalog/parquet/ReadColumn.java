package io.tarn.catalog.parquet;

import io.tarn.catalog.type.DataType;

import static java.util.Objects.requireNonNull;

/**
 * One output column of a {@link ParquetBatchReader}: either read from the file (matched by Parquet field id when
 * {@code fieldId >= 0} and the file has ids, else by name, case-insensitive; absent from the file = all NULL), or a
 * constant such as a partition value (canonical form, see {@link io.tarn.catalog.type.Values}).
 */
public record ReadColumn(String name, DataType type, int fieldId, boolean constant, Object value) {

    public ReadColumn {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }

    public static ReadColumn fromFile(String name, DataType type, int fieldId) {
        return new ReadColumn(name, type, fieldId, false, null);
    }

    public static ReadColumn fromFile(String name, DataType type) {
        return new ReadColumn(name, type, -1, false, null);
    }

    public static ReadColumn constant(String name, DataType type, Object value) {
        return new ReadColumn(name, type, -1, true, value);
    }
}
