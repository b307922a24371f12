package io.tarn.catalog.parquet;

import io.tarn.catalog.Rows;
import io.tarn.catalog.TarnWarehouse;
import io.tarn.catalog.spi.CatalogException;
import io.tarn.catalog.spi.ColumnConstraint;
import io.tarn.catalog.spi.ScanPlan;
import io.tarn.catalog.spi.ScanRequest;
import io.tarn.catalog.spi.ScanTask;
import io.tarn.catalog.spi.Table;
import io.tarn.catalog.spi.TableAppend;
import io.tarn.catalog.spi.TableDefinition;
import io.tarn.catalog.spi.TableFormat;
import io.tarn.catalog.spi.TableStatistics;
import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.Column;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestParquetTable {
    static final RowSchema FILE_COLUMNS = new RowSchema(List.of(new Column("id", DataType.BIGINT),
            new Column("name", DataType.VARCHAR)));

    private final RootAllocator allocator = new RootAllocator();
    @TempDir
    Path dir;

    @AfterEach
    void checkLeaks() {
        assertEquals(0, allocator.getAllocatedMemory(), "leaked Arrow memory");
        allocator.close();
    }

    private void writeFile(Path file, RowSchema schema, List<List<Object>> rows, int rowGroupRows) throws Exception {
        Files.createDirectories(file.getParent());
        try (ParquetBatchWriter writer = ParquetBatchWriter.open(file, schema, new ParquetBatchWriter.Options(1 << 20, rowGroupRows));
             Batch batch = Rows.batch(allocator, schema, rows)) {
            writer.write(batch);
        }
    }

    private static List<List<Object>> idRows(int from, int count) {
        return IntStream.range(from, from + count).mapToObj(i -> Rows.row((long) i, i % 5 == 0 ? null : "n" + i)).toList();
    }

    private List<List<Object>> scan(Table table, ScanRequest request) {
        List<List<Object>> result = new ArrayList<>();
        for (ScanTask task : table.planScan(request).tasks()) {
            result.addAll(Rows.readAll(table.openReader(task, request, allocator)));
        }
        result.sort(Comparator.comparing(row -> (Long) row.get(0)));
        return result;
    }

    /** year=2023|2024 / region=eu|us|__HIVE_DEFAULT_PARTITION__, 200 rows per file. */
    private List<List<Object>> writeHiveTree(Path root) throws Exception {
        List<List<Object>> expected = new ArrayList<>();
        int next = 0;
        for (int year : new int[] {2023, 2024}) {
            for (String region : new String[] {"eu", "us", "__HIVE_DEFAULT_PARTITION__"}) {
                List<List<Object>> rows = idRows(next, 200);
                writeFile(root.resolve("year=" + year).resolve("region=" + region).resolve("data.parquet"), FILE_COLUMNS, rows, 50);
                for (List<Object> row : rows) {
                    expected.add(Rows.row(row.get(0), row.get(1), (long) year, region.startsWith("__") ? null : region));
                }
                next += 200;
            }
        }
        Files.writeString(root.resolve("_SUCCESS"), "");
        Files.writeString(root.resolve("year=2023").resolve(".hidden.parquet"), "not parquet");
        return expected;
    }

    @Test
    void hivePartitionedDirectoryBecomesColumnsAndPrunesFiles() throws Exception {
        Path root = dir.resolve("events");
        List<List<Object>> expected = writeHiveTree(root);
        Table table = ParquetTable.open("events", root.toString());
        assertEquals(new RowSchema(List.of(FILE_COLUMNS.column(0), FILE_COLUMNS.column(1),
                new Column("year", DataType.BIGINT), new Column("region", DataType.VARCHAR))), table.schema());
        assertEquals(List.of("year", "region"), table.partitionColumns());

        ScanRequest all = new ScanRequest(new int[] {0, 1, 2, 3}, List.of(), 64);
        ScanPlan plan = table.planScan(all);
        assertEquals(6, plan.totalFiles());
        assertEquals(6, plan.tasks().size(), "small adjacent row groups share a task");
        assertEquals(4, ((ParquetScanTask) plan.tasks().get(0)).rowGroups().length);
        assertEquals(expected, scan(table, all));

        ScanRequest us2024 = new ScanRequest(new int[] {0, 3, 2}, List.of(
                new ColumnConstraint(3, ColumnConstraint.Op.EQ, "us"), new ColumnConstraint(2, ColumnConstraint.Op.GT, 2023L)), 64);
        plan = table.planScan(us2024);
        assertEquals(5, plan.prunedFiles());
        assertEquals(expected.stream().filter(r -> "us".equals(r.get(3)) && (Long) r.get(2) == 2024)
                .map(r -> Rows.row(r.get(0), r.get(3), r.get(2))).toList(), scan(table, us2024));

        ScanRequest nullRegion = new ScanRequest(new int[] {0}, List.of(new ColumnConstraint(3, ColumnConstraint.Op.IS_NULL, null)), 64);
        assertEquals(4, table.planScan(nullRegion).prunedFiles());

        TableStatistics statistics = table.statistics();
        assertEquals(1200, statistics.rowCount());
        assertEquals(0L, statistics.columns().get(0).min());
        assertEquals(1199L, statistics.columns().get(0).max());
        assertEquals(expected.stream().filter(r -> r.get(1) == null).count(), statistics.columns().get(1).nullCount());
        assertEquals(2023L, statistics.columns().get(2).min());
        assertEquals(400, statistics.columns().get(3).nullCount());
    }

    @Test
    void emptyAndRepeatedProjections() throws Exception {
        Path file = dir.resolve("p.parquet");
        writeFile(file, FILE_COLUMNS, idRows(0, 250), 100);
        Table table = ParquetTable.open("p", file.toString());
        ScanRequest countOnly = new ScanRequest(new int[0], List.of(), 64);
        long rows = 0;
        for (ScanTask task : table.planScan(countOnly).tasks()) {
            try (var reader = table.openReader(task, countOnly, allocator)) {
                for (Batch batch = reader.next(); batch != null; batch = reader.next()) {
                    assertEquals(0, batch.columnCount());
                    rows += batch.rowCount();
                    batch.close();
                }
            }
        }
        assertEquals(250, rows);
        ScanRequest twice = new ScanRequest(new int[] {1, 0, 1}, List.of(), 64);
        List<List<Object>> read = new ArrayList<>();
        for (ScanTask task : table.planScan(twice).tasks()) {
            read.addAll(Rows.readAll(table.openReader(task, twice, allocator)));
        }
        assertEquals(idRows(0, 250).stream().map(r -> Rows.row(r.get(1), r.get(0), r.get(1))).toList(), read);
    }

    @Test
    void globsSelectFiles() throws Exception {
        Path root = dir.resolve("events");
        List<List<Object>> expected = writeHiveTree(root);
        Table eu = ParquetTable.open("g", root + "/*/region=eu/*.parquet");
        assertEquals(2, eu.planScan(new ScanRequest(new int[] {0}, List.of(), 100)).totalFiles());
        assertEquals(List.of("year", "region"), eu.partitionColumns());
        Table deep = ParquetTable.open("g", root + "/**/*.parquet");
        assertEquals(6, deep.planScan(new ScanRequest(new int[] {0}, List.of(), 100)).totalFiles());
        assertEquals(expected.size(), scan(deep, new ScanRequest(new int[] {0}, List.of(), 100)).size());
        Path flat = dir.resolve("flat");
        writeFile(flat.resolve("a.parquet"), FILE_COLUMNS, idRows(0, 10), 100);
        writeFile(flat.resolve("b.parquet"), FILE_COLUMNS, idRows(10, 10), 100);
        Table zeroDirectories = ParquetTable.open("g", flat + "/**/*.parquet");
        assertEquals(2, zeroDirectories.planScan(new ScanRequest(new int[] {0}, List.of(), 100)).totalFiles());
        Table single = ParquetTable.open("g", flat.resolve("b.parquet").toString());
        assertEquals(idRows(10, 10), scan(single, new ScanRequest(new int[] {0, 1}, List.of(), 3)));

        CatalogException missing = assertThrows(CatalogException.class, () -> ParquetTable.open("g", flat + "/*.csv"));
        assertEquals(CatalogException.IO_ERROR, missing.sqlState());
        assertTrue(missing.getMessage().contains(flat + "/*.csv"), missing.getMessage());
    }

    @Test
    void rowGroupsArePrunedByFooterStatistics() throws Exception {
        Path file = dir.resolve("sorted.parquet");
        List<List<Object>> rows = idRows(0, 1000);
        writeFile(file, FILE_COLUMNS, rows, 100);
        Table table = ParquetTable.open("sorted", file.toString());
        ScanRequest all = new ScanRequest(new int[] {0, 1}, List.of(), 1000);
        assertEquals(1, table.planScan(all).tasks().size());
        assertEquals(10, ((ParquetScanTask) table.planScan(all).tasks().get(0)).rowGroups().length);

        ScanRequest range = new ScanRequest(new int[] {0, 1}, List.of(
                new ColumnConstraint(0, ColumnConstraint.Op.GE, 250L), new ColumnConstraint(0, ColumnConstraint.Op.LT, 400L)), 1000);
        ScanPlan plan = table.planScan(range);
        assertEquals(1, plan.tasks().size());
        assertEquals(List.of(2, 3), IntStream.of(((ParquetScanTask) plan.tasks().get(0)).rowGroups()).boxed().toList(),
                "row groups 200-299 and 300-399 survive");
        assertEquals(200, plan.estimatedRows());
        List<List<Object>> read = scan(table, range);
        assertEquals(rows.subList(200, 400), read, "whole row groups come back; the constraint is only a hint");

        ScanRequest none = new ScanRequest(new int[] {0}, List.of(new ColumnConstraint(0, ColumnConstraint.Op.EQ, 5000L)), 1000);
        assertEquals(1, table.planScan(none).prunedFiles());
        assertEquals(List.of(), table.planScan(none).tasks());
        ScanRequest name = new ScanRequest(new int[] {0}, List.of(new ColumnConstraint(1, ColumnConstraint.Op.EQ, "n999")), 1000);
        assertEquals(List.of(9), IntStream.of(((ParquetScanTask) table.planScan(name).tasks().get(0)).rowGroups()).boxed().toList(),
                "string bounds prune too");
    }

    @Test
    void catalogParquetTablesExternalAndManaged() throws Exception {
        Path external = dir.resolve("external");
        writeFile(external.resolve("part-0.parquet"), FILE_COLUMNS, idRows(0, 30), 100);
        try (TarnWarehouse warehouse = TarnWarehouse.open(dir.resolve("wh"))) {
            Table inferred = warehouse.createTable(new TableDefinition("main", "ext", new RowSchema(List.of()), List.of(),
                    TableFormat.PARQUET, Optional.of(external.toString()), Map.of(), false));
            assertEquals(FILE_COLUMNS, inferred.schema());
            assertEquals(CatalogException.READ_ONLY, assertThrows(CatalogException.class, inferred::newAppend).sqlState());

            Table managed = warehouse.createTable(new TableDefinition("main", "m", FILE_COLUMNS, List.of(),
                    TableFormat.PARQUET, Optional.empty(), Map.of(), false));
            ScanRequest request = new ScanRequest(new int[] {0, 1}, List.of(), 100);
            assertEquals(0, managed.planScan(request).tasks().size());
            try (TableAppend append = managed.newAppend(); Batch batch = Rows.batch(allocator, FILE_COLUMNS, idRows(0, 40))) {
                append.write(batch);
                assertEquals(0, managed.planScan(request).tasks().size(), "uncommitted file is invisible");
                assertEquals(40, append.commit());
            }
            try (TableAppend append = managed.newAppend(); Batch batch = Rows.batch(allocator, FILE_COLUMNS, idRows(40, 5))) {
                append.write(batch);
            }
            try (var files = Files.list(dir.resolve("wh").resolve("main").resolve("m"))) {
                assertEquals(1, files.count(), "aborted append left no file");
            }
            try (TableAppend append = managed.newAppend(); Batch batch = Rows.batch(allocator, FILE_COLUMNS, idRows(40, 20))) {
                append.write(batch);
                append.commit();
            }
        }
        try (TarnWarehouse warehouse = TarnWarehouse.open(dir.resolve("wh"))) {
            Table managed = warehouse.getTable("main", "m").orElseThrow();
            assertEquals(idRows(0, 60), scan(managed, new ScanRequest(new int[] {0, 1}, List.of(), 7)));
            assertEquals(60, managed.statistics().rowCount());
            assertEquals(idRows(0, 30), scan(warehouse.getTable("main", "ext").orElseThrow(),
                    new ScanRequest(new int[] {0, 1}, List.of(), 100)));
            warehouse.dropTable("main", "ext", false);
            assertTrue(Files.exists(external.resolve("part-0.parquet")), "external data is kept");
            warehouse.dropTable("main", "m", false);
            assertTrue(Files.notExists(dir.resolve("wh").resolve("main").resolve("m")), "managed data is deleted");
        }
    }
}
