package io.tarn.catalog.iceberg;

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
import io.tarn.catalog.type.TypeKind;
import org.apache.arrow.memory.RootAllocator;
import org.apache.iceberg.GenericBlobMetadata;
import org.apache.iceberg.GenericStatisticsFile;
import org.apache.iceberg.puffin.Blob;
import org.apache.iceberg.puffin.Puffin;
import org.apache.iceberg.puffin.PuffinWriter;
import org.apache.iceberg.puffin.StandardBlobTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestIcebergTable {
    static final RowSchema SCALARS = new RowSchema(List.of(
            new Column("id", DataType.BIGINT.withNullable(false)),
            new Column("b", DataType.BOOLEAN),
            new Column("ti", DataType.of(TypeKind.TINYINT)),
            new Column("si", DataType.of(TypeKind.SMALLINT)),
            new Column("i", DataType.INTEGER),
            new Column("d9", DataType.decimal(9, 2)),
            new Column("d18", DataType.decimal(18, 4)),
            new Column("d38", DataType.decimal(38, 10)),
            new Column("r", DataType.of(TypeKind.REAL)),
            new Column("f", DataType.DOUBLE),
            new Column("s", DataType.varchar(30)),
            new Column("c", new DataType(TypeKind.CHAR, 3, 0, true, List.of(), List.of())),
            new Column("bin", DataType.of(TypeKind.VARBINARY)),
            new Column("dt", DataType.DATE),
            new Column("tm", DataType.of(TypeKind.TIME)),
            new Column("ts", DataType.TIMESTAMP),
            new Column("tz", DataType.of(TypeKind.TIMESTAMP_WITH_LOCAL_TIME_ZONE))));

    private final RootAllocator allocator = new RootAllocator();
    @TempDir
    Path dir;
    private TarnWarehouse warehouse;

    @BeforeEach
    void open() {
        warehouse = TarnWarehouse.open(dir);
    }

    @AfterEach
    void close() {
        warehouse.close();
        assertEquals(0, allocator.getAllocatedMemory(), "leaked Arrow memory");
        allocator.close();
    }

    static List<List<Object>> rows(int from, int count) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            long sign = i % 2 == 0 ? 1 : -1;
            List<Object> row = new ArrayList<>(List.of((long) i,
                    i % 3 == 0, (long) (byte) i, (long) (short) (i * 7), sign * i * 1000L,
                    BigDecimal.valueOf(sign * i * 13L, 2), BigDecimal.valueOf(sign * i * 1_000_003L, 4),
                    new BigDecimal("12345678901234567890.0123456789").multiply(BigDecimal.valueOf(sign * i)).setScale(10),
                    (double) (float) (i / 4.0), i / 3.0, "s" + (i % 10), "c" + (i % 7), ("bin" + i).getBytes(StandardCharsets.UTF_8),
                    i - 500, i * 1_000_001L % 86_400_000_000L, sign * i * 3_600_000_123L, i * 86_400_000_000L + 5));
            int nullColumn = 1 + i % SCALARS.size();
            if (nullColumn < SCALARS.size()) {
                row.set(nullColumn, null);
            }
            rows.add(row);
        }
        return rows;
    }

    private Table create(String name, RowSchema columns, List<String> partitions) {
        return warehouse.createTable(new TableDefinition("main", name, columns, partitions, TableFormat.ICEBERG,
                Optional.empty(), Map.of(), false));
    }

    private long append(Table table, List<List<Object>> rows) {
        try (TableAppend append = table.newAppend(); Batch batch = Rows.batch(allocator, table.schema(), rows)) {
            append.write(batch);
            return append.commit();
        }
    }

    private static int[] all(Table table) {
        return IntStream.range(0, table.schema().size()).toArray();
    }

    private List<List<Object>> scan(Table table, ScanRequest request) {
        List<List<Object>> result = new ArrayList<>();
        for (ScanTask task : table.planScan(request).tasks()) {
            result.addAll(Rows.readAll(table.openReader(task, request, allocator)));
        }
        return result;
    }

    private static List<List<Object>> sortedById(List<List<Object>> rows) {
        List<List<Object>> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(row -> (Long) row.get(0)));
        return sorted;
    }

    @Test
    void appendThenReadBackEveryScalarTypeWithNulls() {
        Table table = create("scalars", SCALARS, List.of());
        List<List<Object>> first = rows(0, 1500);
        List<List<Object>> second = rows(1500, 700);
        assertEquals(1500, append(table, first));
        assertEquals(700, append(table, second));
        List<List<Object>> expected = new ArrayList<>(first);
        expected.addAll(second);

        ScanRequest request = new ScanRequest(all(table), List.of(), 256);
        ScanPlan plan = table.planScan(request);
        assertEquals(2, plan.totalFiles());
        assertEquals(0, plan.prunedFiles());
        assertEquals(2200, plan.estimatedRows());
        assertEquals(Rows.comparable(expected), sortedById(scan(table, request)));

        Table reopened = warehouse.getTable("main", "scalars").orElseThrow();
        assertEquals(SCALARS, reopened.schema());
        int[] projection = {10, 0, 2};
        List<List<Object>> projected = sortedById(scan(reopened, new ScanRequest(projection, List.of(), 1000)).stream()
                .map(row -> List.of(row.get(1), row.get(0) == null ? "null" : row.get(0), row.get(2) == null ? "null" : row.get(2)))
                .map(row -> (List<Object>) new ArrayList<Object>(row)).toList());
        for (int i = 0; i < expected.size(); i++) {
            List<Object> want = expected.get(i);
            assertEquals(List.of(want.get(0), want.get(10) == null ? "null" : want.get(10), want.get(2) == null ? "null" : want.get(2)),
                    projected.get(i));
        }
    }

    @Test
    void nestedColumnsRoundTrip() {
        Table table = create("nested", io.tarn.catalog.NestedRows.SCHEMA, List.of());
        assertEquals(io.tarn.catalog.NestedRows.SCHEMA, table.schema());
        List<List<Object>> expected = new ArrayList<>();
        for (int from : new int[] {0, 300}) {
            try (TableAppend append = table.newAppend();
                 Batch batch = io.tarn.catalog.NestedRows.batch(allocator, from, 300, expected)) {
                append.write(batch);
                assertEquals(300, append.commit());
            }
        }
        assertEquals(expected, sortedById(scan(table, new ScanRequest(new int[] {0, 1, 2, 3}, List.of(), 128))));
        TableStatistics statistics = table.statistics();
        assertEquals(600, statistics.rowCount());
        assertEquals(0L, statistics.columns().get(0).min());
        assertEquals(599L, statistics.columns().get(0).max());
    }

    @Test
    void statisticsComeFromSnapshotAndFileMetrics() {
        Table table = create("stats", SCALARS, List.of());
        List<List<Object>> rows = rows(0, 1200);
        append(table, rows.subList(0, 600));
        append(table, rows.subList(600, 1200));
        TableStatistics statistics = table.statistics();
        assertEquals(1200, statistics.rowCount());
        for (int c = 0; c < SCALARS.size(); c++) {
            if (SCALARS.column(c).type().kind() == TypeKind.VARBINARY) {
                continue;
            }
            int column = c;
            List<Object> values = rows.stream().map(row -> row.get(column)).filter(v -> v != null).toList();
            long nulls = rows.size() - values.size();
            TableStatistics.ColumnStatistics stats = statistics.columns().get(c);
            assertEquals(nulls, stats.nullCount(), SCALARS.column(c).name());
            assertEquals(-1, stats.distinctCount());
            Object min = values.stream().min(io.tarn.catalog.CanonicalOrder::compare).orElseThrow();
            Object max = values.stream().max(io.tarn.catalog.CanonicalOrder::compare).orElseThrow();
            assertEquals(0, io.tarn.catalog.CanonicalOrder.compare(min, stats.min()), SCALARS.column(c).name() + " min");
            assertEquals(0, io.tarn.catalog.CanonicalOrder.compare(max, stats.max()), SCALARS.column(c).name() + " max");
        }
    }

    /**
     * Distinct counts come from a Puffin statistics file's theta-sketch blobs (their {@code ndv} property), also for a
     * later snapshot that has none of its own; never more than the rows.
     */
    @Test
    void distinctCountsComeFromPuffinStatistics() throws Exception {
        IcebergTable table = (IcebergTable) create("ndv", SCALARS, List.of());
        append(table, rows(0, 100));
        org.apache.iceberg.Table iceberg = table.icebergTable();
        long snapshot = iceberg.currentSnapshot().snapshotId();
        int idField = iceberg.schema().findField("id").fieldId();
        int booleanField = iceberg.schema().findField("b").fieldId();
        Path file = dir.resolve("ndv.stats");
        try (PuffinWriter writer = Puffin.write(org.apache.iceberg.Files.localOutput(file.toFile())).createdBy("test").build()) {
            writer.add(new Blob(StandardBlobTypes.APACHE_DATASKETCHES_THETA_V1, List.of(idField), snapshot, 1,
                    ByteBuffer.allocate(0), null, Map.of("ndv", "97")));
            writer.add(new Blob(StandardBlobTypes.APACHE_DATASKETCHES_THETA_V1, List.of(booleanField), snapshot, 1,
                    ByteBuffer.allocate(0), null, Map.of("ndv", "500")));
            writer.finish();
            iceberg.updateStatistics().setStatistics(new GenericStatisticsFile(snapshot, file.toString(), writer.fileSize(),
                    writer.footerSize(), GenericBlobMetadata.from(writer.writtenBlobsMetadata()))).commit();
        }
        iceberg.refresh();
        assertEquals(97, table.statistics().columns().get(0).distinctCount());
        assertEquals(100, table.statistics().columns().get(1).distinctCount(), "capped at the row count");
        assertEquals(-1, table.statistics().columns().get(2).distinctCount(), "no sketch: unknown");

        append(table, rows(100, 50));
        iceberg.refresh();
        assertEquals(97, table.statistics().columns().get(0).distinctCount(), "the ancestor's sketch");
    }

    @Test
    void partitionPruningAndMinMaxPruning() {
        RowSchema columns = new RowSchema(List.of(new Column("id", DataType.BIGINT), new Column("region", DataType.VARCHAR),
                new Column("day", DataType.DATE)));
        Table table = create("events", columns, List.of("REGION", "day"));
        assertEquals(List.of("region", "day"), table.partitionColumns());
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            rows.add(Rows.row((long) i, i % 4 == 3 ? null : "r" + (i % 4), 19000 + i % 3));
        }
        append(table, rows);
        // 4 regions (one of them NULL) x 3 days
        ScanRequest everything = new ScanRequest(new int[] {0, 1, 2}, List.of(), 500);
        assertEquals(12, table.planScan(everything).totalFiles());
        assertEquals(Rows.comparable(rows), sortedById(scan(table, everything)));

        ScanRequest regionR1 = new ScanRequest(new int[] {0, 2, 1},
                List.of(new ColumnConstraint(1, ColumnConstraint.Op.EQ, "r1")), 500);
        ScanPlan plan = table.planScan(regionR1);
        assertEquals(12, plan.totalFiles());
        assertEquals(9, plan.prunedFiles());
        List<List<Object>> expected = rows.stream().filter(row -> "r1".equals(row.get(1)))
                .map(row -> Rows.row(row.get(0), row.get(2), row.get(1))).toList();
        assertEquals(expected, sortedById(scan(table, regionR1)));

        ScanRequest nullRegionLateDay = new ScanRequest(new int[] {0, 1}, List.of(
                new ColumnConstraint(1, ColumnConstraint.Op.IS_NULL, null),
                new ColumnConstraint(2, ColumnConstraint.Op.GE, 19002)), 500);
        plan = table.planScan(nullRegionLateDay);
        assertEquals(11, plan.prunedFiles());
        assertEquals(rows.stream().filter(row -> row.get(1) == null && (Integer) row.get(2) >= 19002).count(),
                scan(table, nullRegionLateDay).size());

        // id ranges of files overlap (rows are spread over all partitions), so prune by id in a second append
        RowSchema plain = new RowSchema(List.of(new Column("k", DataType.INTEGER)));
        Table ranges = create("ranges", plain, List.of());
        for (int f = 0; f < 4; f++) {
            int base = f * 100;
            append(ranges, IntStream.range(base, base + 100).mapToObj(k -> Rows.row((long) k)).toList());
        }
        ScanPlan high = ranges.planScan(new ScanRequest(new int[] {0},
                List.of(new ColumnConstraint(0, ColumnConstraint.Op.GT, 250L)), 100));
        assertEquals(4, high.totalFiles());
        assertEquals(2, high.prunedFiles());
    }

    @Test
    void bigAppendsRollFilesAndSplitByRowGroup() {
        Table table = warehouse.createTable(new TableDefinition("main", "big", SCALARS, List.of(), TableFormat.ICEBERG,
                Optional.empty(), Map.of("write.target-file-size-bytes", "150000", "write.parquet.row-group-size-bytes", "40000",
                "read.split.target-size", "40000"), false));
        List<List<Object>> rows = rows(0, 6000);
        try (TableAppend append = table.newAppend()) {
            for (int from = 0; from < rows.size(); from += 1000) {
                try (Batch batch = Rows.batch(allocator, SCALARS, rows.subList(from, from + 1000))) {
                    append.write(batch);
                }
            }
            assertEquals(6000, append.commit());
        }
        ScanRequest request = new ScanRequest(all(table), List.of(), 500);
        ScanPlan plan = table.planScan(request);
        assertTrue(plan.totalFiles() > 1, "files rolled: " + plan.totalFiles());
        assertTrue(plan.tasks().size() > plan.totalFiles(), "files split by row group: " + plan.tasks().size());
        assertEquals(6000, plan.estimatedRows());
        assertEquals(Rows.comparable(rows), sortedById(scan(table, request)));
    }

    /** Iceberg prunes whole files; a kept file's row groups are pruned by their own statistics when it is read. */
    @Test
    void readersSkipRowGroupsTheConstraintsRuleOut() {
        Table table = warehouse.createTable(new TableDefinition("main", "groups", SCALARS, List.of(), TableFormat.ICEBERG,
                Optional.empty(), Map.of("write.parquet.row-group-size-bytes", "40000"), false));
        List<List<Object>> rows = rows(0, 6000);
        try (TableAppend append = table.newAppend()) {
            for (int from = 0; from < rows.size(); from += 1000) {
                try (Batch batch = Rows.batch(allocator, SCALARS, rows.subList(from, from + 1000))) {
                    append.write(batch);
                }
            }
            append.commit();
        }
        ScanRequest lastIds = new ScanRequest(all(table), List.of(new ColumnConstraint(0, ColumnConstraint.Op.GE, 5000L)), 500);
        assertEquals(1, table.planScan(lastIds).totalFiles(), "one file, so only its row groups can be pruned");

        List<List<Object>> read = scan(table, lastIds);
        assertTrue(read.size() >= 1000 && read.size() < 3000, "rows of the row groups that may hold ids >= 5000: " + read.size());
        List<List<Object>> matching = sortedById(read).stream().filter(row -> (Long) row.get(0) >= 5000).toList();
        assertEquals(Rows.comparable(rows.subList(5000, 6000)), matching);
    }

    @Test
    void concurrentAppendsFromSeveralThreadsAllCommit() throws Exception {
        create("shared", SCALARS, List.of());
        List<Thread> threads = new ArrayList<>();
        java.util.Queue<Throwable> failures = new java.util.concurrent.ConcurrentLinkedQueue<>();
        for (int t = 0; t < 3; t++) {
            int from = t * 200;
            Thread thread = new Thread(() -> {
                try {
                    Table table = warehouse.getTable("main", "shared").orElseThrow();
                    for (int round = 0; round < 2; round++) {
                        append(table, rows(from + round * 100, 100));
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(List.of(), List.copyOf(failures));
        Table table = warehouse.getTable("main", "shared").orElseThrow();
        assertEquals(600, table.statistics().rowCount());
        assertEquals(Rows.comparable(rows(0, 600)), sortedById(scan(table, new ScanRequest(all(table), List.of(), 1000))));
    }

    @Test
    void schemaEvolutionReadsOldFilesByFieldIdAcrossReopen() {
        RowSchema before = new RowSchema(List.of(new Column("k", DataType.INTEGER), new Column("v", DataType.VARCHAR)));
        IcebergTable table = (IcebergTable) create("evolving", before, List.of());
        append(table, List.of(Rows.row(1L, "one"), Rows.row(2L, null)));
        table.icebergTable().updateSchema()
                .renameColumn("v", "label")
                .addColumn("extra", org.apache.iceberg.types.Types.LongType.get())
                .updateColumn("k", org.apache.iceberg.types.Types.LongType.get())
                .commit();
        warehouse.close();
        warehouse = TarnWarehouse.open(dir);
        Table evolved = warehouse.getTable("main", "evolving").orElseThrow();
        assertEquals(new RowSchema(List.of(new Column("k", DataType.BIGINT), new Column("label", DataType.VARCHAR),
                new Column("extra", DataType.BIGINT))), evolved.schema());
        append(evolved, List.of(Rows.row(3L, "three", 30L)));
        assertEquals(List.of(Rows.row(1L, "one", null), Rows.row(2L, null, null), Rows.row(3L, "three", 30L)),
                sortedById(scan(evolved, new ScanRequest(new int[] {0, 1, 2}, List.of(), 10))));
    }

    @Test
    void failedAppendLeavesTableUnchanged() throws Exception {
        Table table = create("t", SCALARS, List.of());
        append(table, rows(0, 100));
        long filesBefore = dataFiles();
        try (TableAppend append = table.newAppend(); Batch batch = Rows.batch(allocator, SCALARS, rows(100, 50))) {
            append.write(batch);
            assertEquals(filesBefore + 1, dataFiles(), "written but not committed");
        }
        assertEquals(filesBefore, dataFiles(), "close without commit deletes the file");
        assertEquals(100, scan(table, new ScanRequest(new int[] {0}, List.of(), 64)).size());
        assertEquals(100, table.statistics().rowCount());

        RowSchema wrong = new RowSchema(List.of(new Column("id", DataType.VARCHAR)));
        try (TableAppend append = table.newAppend(); Batch batch = Rows.batch(allocator, wrong, List.of(Rows.row("x")))) {
            assertEquals(CatalogException.DATA_EXCEPTION, assertThrows(CatalogException.class, () -> append.write(batch)).sqlState());
        }
        RowSchema swapped = new RowSchema(new ArrayList<>(SCALARS.columns()) {{
            set(1, new Column("b", DataType.INTEGER));
        }});
        try (TableAppend append = table.newAppend(); Batch batch = Rows.batch(allocator, swapped, List.of())) {
            assertEquals("42804", assertThrows(CatalogException.class, () -> append.write(batch)).sqlState());
        }
        List<List<Object>> nullId = rows(0, 1);
        nullId.get(0).set(0, null);
        try (TableAppend append = table.newAppend(); Batch batch = Rows.batch(allocator, SCALARS, nullId)) {
            assertEquals("23502", assertThrows(CatalogException.class, () -> append.write(batch)).sqlState());
        }
        assertEquals(filesBefore, dataFiles());
    }

    private long dataFiles() throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".parquet")).count();
        }
    }

    @Test
    void scanTasksSerializeAndEmptyTablesPlanNothing() throws Exception {
        Table table = create("e", new RowSchema(List.of(new Column("k", DataType.INTEGER), new Column("p", DataType.VARCHAR))),
                List.of("p"));
        ScanRequest request = new ScanRequest(new int[] {1, 0}, List.of(), 10);
        assertEquals(new ScanPlan(List.of(), 0, 0, 0), table.planScan(request));
        assertEquals(0, table.statistics().rowCount());
        append(table, List.of(Rows.row(1L, "a"), Rows.row(2L, null)));
        List<List<Object>> rows = new ArrayList<>();
        for (ScanTask task : table.planScan(request).tasks()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(task);
            }
            ScanTask copy = (ScanTask) new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())).readObject();
            assertEquals(task, copy);
            rows.addAll(Rows.readAll(table.openReader(copy, request, allocator)));
        }
        rows.sort(Comparator.comparing(row -> (Long) row.get(1)));
        assertEquals(List.of(Rows.row("a", 1L), Rows.row(null, 2L)), rows);
        assertTrue(table.planScan(request).tasks().stream().allMatch(t -> t.estimatedRows() == 1));
    }
}
