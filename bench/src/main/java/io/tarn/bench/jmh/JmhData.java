package io.tarn.bench.jmh;

import io.tarn.bench.tpch.TpchDataCache;
import io.tarn.catalog.type.Column;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;

import java.nio.file.Path;
import java.util.List;

/**
 * The TPC-H Parquet files the micro-benchmarks read, generated once into {@code bench-data/jmh-sf<scale>} (override
 * the folder with {@code -Dtarn.jmh.data=DIR}, the scale with {@code -Dtarn.jmh.scale=SF}; default 0.1, whose
 * lineitem has 600,572 rows), and the column subsets they use, typed as the TPC-H generator writes them.
 */
final class JmhData {
    static final DataType MONEY = DataType.decimal(12, 2).withNullable(false);

    static final RowSchema LINEITEM_Q1 = schema(
            column("l_returnflag", DataType.varchar(1)), column("l_linestatus", DataType.varchar(1)),
            column("l_quantity", MONEY), column("l_extendedprice", MONEY), column("l_discount", MONEY),
            column("l_tax", MONEY), column("l_shipdate", DataType.DATE));

    static final RowSchema LINEITEM_KEYS = schema(
            column("l_orderkey", DataType.BIGINT), column("l_partkey", DataType.BIGINT),
            column("l_extendedprice", MONEY));

    static final RowSchema LINEITEM_PART_SUPP = schema(
            column("l_partkey", DataType.BIGINT), column("l_suppkey", DataType.BIGINT),
            column("l_extendedprice", MONEY));

    static final RowSchema LINEITEM_COMMENT = schema(column("l_comment", DataType.varchar(44)));

    static final RowSchema ORDERS_KEYS = schema(
            column("o_orderkey", DataType.BIGINT), column("o_custkey", DataType.BIGINT),
            column("o_orderdate", DataType.DATE));

    private JmhData() {
    }

    static Path file(String table) {
        double scale = Double.parseDouble(System.getProperty("tarn.jmh.scale", "0.1"));
        String defaultDirectory = "bench-data/jmh-sf" + TpchDataCache.plain(scale);
        Path directory = Path.of(System.getProperty("tarn.jmh.data", defaultDirectory));
        return TpchDataCache.ensureParquet(directory, scale, System.err).resolve(table + ".parquet");
    }

    private static Column column(String name, DataType type) {
        return new Column(name, type.withNullable(false));
    }

    private static RowSchema schema(Column... columns) {
        return new RowSchema(List.of(columns));
    }
}
