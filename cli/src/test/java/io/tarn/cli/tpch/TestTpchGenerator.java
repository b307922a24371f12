package io.tarn.cli.tpch;

import io.tarn.catalog.parquet.ParquetBatchReader;
import io.tarn.catalog.spi.Table;
import io.tarn.catalog.spi.Warehouse;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.catalog.type.TypeKind;
import io.tarn.planner.engine.Engine;
import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestTpchGenerator {

    private static final double SCALE = 0.01;

    @Test
    void columnTypes() {
        RowSchema lineitem = TpchGenerator.schemaOf(TpchTable.LINE_ITEM);
        assertEquals("l_orderkey", lineitem.column(0).name());
        assertEquals(DataType.BIGINT.withNullable(false), type(lineitem, "l_orderkey"));
        assertEquals(DataType.INTEGER.withNullable(false), type(lineitem, "l_linenumber"));
        assertEquals(DataType.decimal(12, 2).withNullable(false), type(lineitem, "l_extendedprice"));
        assertEquals(DataType.DATE.withNullable(false), type(lineitem, "l_shipdate"));
        assertEquals(TypeKind.VARCHAR, type(lineitem, "l_comment").kind());
        assertEquals(16, TpchGenerator.schemaOf(TpchTable.LINE_ITEM).size());
    }

    @Test
    void datesAreDaysSinceTheEpoch() {
        // TPC-H order dates start on 1992-01-01; a different unit would put them elsewhere.
        TpchColumn<io.trino.tpch.Order> orderDate = TpchTable.ORDERS.getColumn("o_orderdate");
        int earliest = Integer.MAX_VALUE;
        for (io.trino.tpch.Order order : TpchTable.ORDERS.createGenerator(SCALE, 1, 1)) {
            earliest = Math.min(earliest, orderDate.getDate(order));
        }
        assertEquals(LocalDate.of(1992, 1, 1).toEpochDay(), earliest);
    }

    @Test
    void writesOneParquetFilePerTableWithEveryRow(@TempDir Path directory) {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        Map<String, Long> counts = TpchGenerator.writeParquet(directory, SCALE,
                new PrintStream(progress, true, StandardCharsets.UTF_8));

        assertEquals(expectedCounts(), counts);
        for (Map.Entry<String, Long> table : counts.entrySet()) {
            ParquetMetadata footer = ParquetBatchReader.readFooter(directory.resolve(table.getKey() + ".parquet"));
            long rows = footer.getBlocks().stream().mapToLong(BlockMetaData::getRowCount).sum();
            assertEquals(table.getValue(), rows, table.getKey());
        }
        MessageType lineitem = ParquetBatchReader.readFooter(directory.resolve("lineitem.parquet"))
                .getFileMetaData().getSchema();
        LogicalTypeAnnotation price = lineitem.getType("l_extendedprice").getLogicalTypeAnnotation();
        assertInstanceOf(LogicalTypeAnnotation.DecimalLogicalTypeAnnotation.class, price);
        assertEquals(2, ((LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) price).getScale());
        assertEquals(8, progress.toString(StandardCharsets.UTF_8).lines().count());
        assertTrue(progress.toString(StandardCharsets.UTF_8).contains("lineitem.parquet"));
    }

    @Test
    void generatesIcebergTablesThroughTheCatalog() {
        Engine engine;
        try {
            engine = Engine.inMemory();
        } catch (UnsupportedOperationException e) {
            Assumptions.abort("engine not implemented yet: " + e.getMessage());
            return;
        }
        try (engine) {
            Warehouse warehouse = engine.warehouse();
            Map<String, Long> counts = TpchGenerator.generate(warehouse, SCALE, "tpch_test");
            assertEquals(expectedCounts(), counts);
            assertEquals(counts.keySet().stream().sorted().toList(), warehouse.listTables("tpch_test"));
            Table lineitem = warehouse.getTable("tpch_test", "lineitem").orElseThrow();
            assertEquals(TpchGenerator.schemaOf(TpchTable.LINE_ITEM), lineitem.schema());
            long statisticsRows = lineitem.statistics().rowCount();
            assertTrue(statisticsRows == -1 || statisticsRows == counts.get("lineitem"));
        }
    }

    @Test
    void rejectsNonPositiveScale(@TempDir Path directory) {
        assertThrows(IllegalArgumentException.class, () -> TpchGenerator.writeParquet(directory, 0));
    }

    private static Map<String, Long> expectedCounts;

    /** Row counts by iterating the generator, independently of what the writer reports. */
    private static synchronized Map<String, Long> expectedCounts() {
        if (expectedCounts != null) {
            return expectedCounts;
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (TpchTable<?> table : TpchTable.getTables()) {
            counts.put(table.getTableName(), count(table));
        }
        expectedCounts = counts;
        return counts;
    }

    private static <E extends TpchEntity> long count(TpchTable<E> table) {
        long rows = 0;
        for (E ignored : table.createGenerator(SCALE, 1, 1)) {
            rows++;
        }
        return rows;
    }

    private static DataType type(RowSchema schema, String column) {
        return schema.column(schema.indexOf(column)).type();
    }

}
