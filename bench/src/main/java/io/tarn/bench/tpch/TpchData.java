package io.tarn.bench.tpch;

import io.trino.tpch.TpchTable;

import java.nio.file.Path;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Generated TPC-H data: an Iceberg warehouse whose schema {@link #SCHEMA} holds the eight tables, and the same rows
 * as one Parquet file per table ({@code <table>.parquet}).
 */
public record TpchData(Path warehouse, Path parquetDirectory) {
    public static final String SCHEMA = "tpch";

    public TpchData {
        requireNonNull(warehouse, "warehouse is null");
        requireNonNull(parquetDirectory, "parquetDirectory is null");
    }

    public static List<String> tableNames() {
        return TpchTable.getTables().stream().map(TpchTable::getTableName).toList();
    }

    public Path parquetFile(String table) {
        return parquetDirectory.resolve(table + ".parquet").toAbsolutePath();
    }

    /** One {@code CREATE VIEW <table> AS SELECT * FROM read_parquet('...')} per table; the same SQL for Tarn and DuckDB. */
    public List<String> parquetViews() {
        return tableNames().stream().map(table -> "CREATE VIEW " + table + " AS SELECT * FROM read_parquet('"
                + parquetFile(table).toString().replace("'", "''") + "')").toList();
    }
}
