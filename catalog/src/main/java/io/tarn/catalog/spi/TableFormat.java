package io.tarn.catalog.spi;

/** How a table's data and metadata are stored. */
public enum TableFormat {
    ICEBERG,
    PARQUET,
    DELTA
}
