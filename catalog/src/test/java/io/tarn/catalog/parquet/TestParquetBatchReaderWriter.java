package io.tarn.catalog.parquet;

import io.tarn.catalog.NestedRows;
import io.tarn.catalog.Rows;
import io.tarn.catalog.spi.CatalogException;
import io.tarn.catalog.spi.ColumnConstraint;
import io.tarn.catalog.spi.RowFilter;
import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.Column;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.catalog.type.TypeKind;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.util.TransferPair;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestParquetBatchReaderWriter {
    static final RowSchema SCALARS = new RowSchema(List.of(
            new Column("b", DataType.BOOLEAN),
            new Column("ti", DataType.of(TypeKind.TINYINT)),
            new Column("si", DataType.of(TypeKind.SMALLINT)),
            new Column("i", DataType.INTEGER),
            new Column("l", DataType.BIGINT),
            new Column("d9", DataType.decimal(9, 2)),
            new Column("d18", DataType.decimal(18, 4)),
            new Column("d38", DataType.decimal(38, 10)),
            new Column("r", DataType.of(TypeKind.REAL)),
            new Column("f", DataType.DOUBLE),
            new Column("s", DataType.VARCHAR),
            new Column("bin", DataType.of(TypeKind.VARBINARY)),
            new Column("dt", DataType.DATE),
            new Column("tm", DataType.of(TypeKind.TIME)),
            new Column("ts", DataType.TIMESTAMP),
            new Column("tz", DataType.of(TypeKind.TIMESTAMP_WITH_LOCAL_TIME_ZONE))));

    private final RootAllocator allocator = new RootAllocator();
    @TempDir
    Path dir;

    @AfterEach
    void checkLeaks() {
        assertEquals(0, allocator.getAllocatedMemory(), "leaked Arrow memory");
        allocator.close();
    }

    /** Row i has a NULL in column i % (columns + 1), so every column has NULLs and some rows have none. */
    static List<List<Object>> scalarRows(int count) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long sign = i % 2 == 0 ? 1 : -1;
            List<Object> row = new ArrayList<>(List.of(
                    i % 3 == 0, (long) (byte) i, (long) (short) (i * 7), sign * i * 1000L, sign * i * 1_000_000_007L,
                    BigDecimal.valueOf(sign * i * 13L, 2), BigDecimal.valueOf(sign * i * 1_000_003L, 4),
                    new BigDecimal("12345678901234567890.0123456789").multiply(BigDecimal.valueOf(sign * i)).setScale(10),
                    (double) (float) (i / 4.0), i / 3.0, "str-" + i + "-é", ("bin" + i).getBytes(StandardCharsets.UTF_8),
                    i - 500, i * 1_000_001L % 86_400_000_000L, sign * i * 3_600_000_123L, i * 86_400_000_000L + 5));
            int nullColumn = i % (SCALARS.size() + 1);
            if (nullColumn < SCALARS.size()) {
                row.set(nullColumn, null);
            }
            rows.add(row);
        }
        return rows;
    }

    static List<ReadColumn> readColumns(RowSchema schema) {
        List<ReadColumn> columns = new ArrayList<>();
        for (Column column : schema.columns()) {
            columns.add(ReadColumn.fromFile(column.name(), column.type()));
        }
        return columns;
    }

    @Test
    void scalarsRoundTripInSeveralRowGroupsAndBatches() {
        List<List<Object>> rows = scalarRows(2500);
        Path file = dir.resolve("scalars.parquet");
        try (ParquetBatchWriter writer = ParquetBatchWriter.open(file, SCALARS, new ParquetBatchWriter.Options(1 << 20, 1000));
             Batch batch = Rows.batch(allocator, SCALARS, rows)) {
            writer.write(batch);
        }
        ParquetMetadata footer = ParquetBatchReader.readFooter(file);
        assertEquals(3, footer.getBlocks().size());
        assertEquals("ZSTD", footer.getBlocks().get(0).getColumns().get(0).getCodec().name());
        assertEquals(SCALARS, ParquetTypes.rowSchema(footer.getFileMetaData().getSchema()));

        List<List<Object>> read = Rows.readAll(ParquetBatchReader.open(file, readColumns(SCALARS), RowGroupSelector.ALL, 333, allocator));
        assertEquals(Rows.comparable(rows), read);
    }

    /**
     * With a row filter the reader decodes the filter's column first and the others only for the rows it keeps: runs
     * of kept and dropped rows, and whole batches with no row kept, give exactly the rows a filter applied afterwards
     * keeps, for every type; the filter reads a second read of column i, decoded once with the first.
     */
    @Test
    void lateMaterializationReturnsTheRowsTheFilterKeeps() {
        List<List<Object>> rows = scalarRows(2500);
        Path file = dir.resolve("late.parquet");
        try (ParquetBatchWriter writer = ParquetBatchWriter.open(file, SCALARS, new ParquetBatchWriter.Options(1 << 20, 1000));
             Batch batch = Rows.batch(allocator, SCALARS, rows)) {
            writer.write(batch);
        }
        List<ReadColumn> columns = new ArrayList<>(readColumns(SCALARS));
        columns.add(ReadColumn.fromFile("I", DataType.INTEGER));
        columns.add(ReadColumn.constant("k", DataType.VARCHAR, "x"));
        int filterColumn = SCALARS.size();
        RowFilter keepSome = new RowFilter() {
            @Override
            public int[] columns() {
                return new int[] {filterColumn};
            }

            @Override
            public int select(Batch batch, int[] selection) {
                IntVector values = (IntVector) batch.column(0);
                int count = 0;
                for (int row = 0; row < batch.rowCount(); row++) {
                    if (!values.isNull(row) && kept(values.get(row))) {
                        selection[count++] = row;
                    }
                }
                return count;
            }

            @Override
            public Batch copyRows(Batch batch, int[] selection, int count) {
                return copyRowsOf(batch, selection, count);
            }
        };
        List<List<Object>> expected = new ArrayList<>();
        for (List<Object> row : Rows.comparable(rows)) {
            Object i = row.get(3);
            if (i != null && kept(((Number) i).intValue())) {
                List<Object> withExtras = new ArrayList<>(row);
                withExtras.add(i);
                withExtras.add("x");
                expected.add(withExtras);
            }
        }
        List<List<Object>> read = Rows.readAll(ParquetBatchReader.open(file, columns, RowGroupSelector.ALL, 333,
                Optional.of(keepSome), allocator));
        assertTrue(expected.size() > 500, "the filter keeps many rows: " + expected.size());
        assertEquals(expected, read);

        // a column read for the filter only is not returned: here i, behind the returned s
        RowFilter onSecond = new RowFilter() {
            @Override
            public int[] columns() {
                return new int[] {1};
            }

            @Override
            public int select(Batch batch, int[] selection) {
                return keepSome.select(batch, selection);
            }

            @Override
            public Batch copyRows(Batch batch, int[] selection, int count) {
                return keepSome.copyRows(batch, selection, count);
            }
        };
        List<List<Object>> stringsOnly = Rows.readAll(ParquetBatchReader.open(file,
                List.of(ReadColumn.fromFile("s", DataType.VARCHAR), ReadColumn.fromFile("i", DataType.INTEGER)), 1,
                RowGroupSelector.ALL, 333, Optional.of(onSecond), allocator));
        assertEquals(expected.stream().map(row -> Rows.row(row.get(10))).toList(), stringsOnly);
    }

    /**
     * A filter on one dictionary-encoded string column is evaluated once per row group, on the dictionary (its values
     * and a null), and rows pass by their ids; the string is gathered only for passing rows.
     */
    @Test
    void aFilterOnOneDictionaryColumnIsEvaluatedOnTheDictionary() {
        List<List<Object>> rows = taggedRows();
        Path file = writeTagged(rows);
        List<Integer> evaluatedRows = new ArrayList<>();
        RowFilter mailOrNull = tagIsMail(true, evaluatedRows);
        List<List<Object>> expected = new ArrayList<>();
        for (List<Object> row : rows) {
            if (row.get(1) == null || row.get(1).equals("MAIL")) {
                expected.add(row);
            }
        }
        List<List<Object>> read = Rows.readAll(ParquetBatchReader.open(file, readColumns(TAGGED), RowGroupSelector.ALL, 333,
                Optional.of(mailOrNull), allocator));
        assertEquals(Rows.comparable(expected), read);
        assertEquals(List.of(6, 6, 6), evaluatedRows, "once per row group, on its 5 distinct values and a null");
    }

    /**
     * With a filter on two columns whose conjunct on the dictionary-encoded one is offered separately, that conjunct
     * runs on the dictionary, and the whole filter only on the rows whose id passes it.
     */
    @Test
    void aConjunctOnADictionaryColumnPreselectsTheRowsTheWholeFilterSees() {
        List<List<Object>> rows = taggedRows();
        Path file = writeTagged(rows);
        List<Integer> dictionaryRows = new ArrayList<>();
        List<Integer> wholeFilterRows = new ArrayList<>();
        RowFilter isMail = tagIsMail(false, dictionaryRows);
        RowFilter mailAndEvenId = new RowFilter() {
            @Override
            public int[] columns() {
                return new int[] {0, 1};
            }

            @Override
            public int select(Batch batch, int[] selection) {
                wholeFilterRows.add(batch.rowCount());
                BigIntVector id = (BigIntVector) batch.column(0);
                VarCharVector tag = (VarCharVector) batch.column(1);
                int count = 0;
                for (int row = 0; row < batch.rowCount(); row++) {
                    if (id.get(row) % 2 == 0 && !tag.isNull(row) && tag.getObject(row).toString().equals("MAIL")) {
                        selection[count++] = row;
                    }
                }
                return count;
            }

            @Override
            public Optional<RowFilter> conjunctsOn(int column) {
                return column == 1 ? Optional.of(isMail) : Optional.empty();
            }

            @Override
            public Batch copyRows(Batch batch, int[] selection, int count) {
                return copyRowsOf(batch, selection, count);
            }
        };
        List<List<Object>> expected = new ArrayList<>();
        for (List<Object> row : rows) {
            if ((Long) row.get(0) % 2 == 0 && "MAIL".equals(row.get(1))) {
                expected.add(Rows.row(row.get(2), row.get(0)));
            }
        }
        // returns note and id; tag is read for the filter only
        List<ReadColumn> columns = List.of(ReadColumn.fromFile("note", DataType.VARCHAR),
                ReadColumn.fromFile("id", DataType.BIGINT), ReadColumn.fromFile("tag", DataType.VARCHAR));
        RowFilter onReadColumns = new RowFilter() {
            @Override
            public int[] columns() {
                return new int[] {1, 2};
            }

            @Override
            public int select(Batch batch, int[] selection) {
                return mailAndEvenId.select(batch, selection);
            }

            @Override
            public Optional<RowFilter> conjunctsOn(int column) {
                return mailAndEvenId.conjunctsOn(column - 1);
            }

            @Override
            public Batch copyRows(Batch batch, int[] selection, int count) {
                return copyRowsOf(batch, selection, count);
            }
        };
        List<List<Object>> read = Rows.readAll(ParquetBatchReader.open(file, columns, 2, RowGroupSelector.ALL, 333,
                Optional.of(onReadColumns), allocator));
        assertEquals(Rows.comparable(expected), read);
        assertEquals(List.of(6, 6, 6), dictionaryRows, "the conjunct ran on each row group's dictionary");
        assertEquals(8, wholeFilterRows.size(), "the whole filter ran once per batch: " + wholeFilterRows);
        assertTrue(wholeFilterRows.stream().allMatch(seen -> seen < 100), "only on MAIL rows: " + wholeFilterRows);
    }

    /** A filter on column 1 of one-column batches: tag = 'MAIL' (or NULL), noting each batch's rows in {@code seen}. */
    private RowFilter tagIsMail(boolean orNull, List<Integer> seen) {
        return new RowFilter() {
            @Override
            public int[] columns() {
                return new int[] {1};
            }

            @Override
            public int select(Batch batch, int[] selection) {
                seen.add(batch.rowCount());
                VarCharVector values = (VarCharVector) batch.column(0);
                int count = 0;
                for (int row = 0; row < batch.rowCount(); row++) {
                    if (values.isNull(row) ? orNull : values.getObject(row).toString().equals("MAIL")) {
                        selection[count++] = row;
                    }
                }
                return count;
            }

            @Override
            public Batch copyRows(Batch batch, int[] selection, int count) {
                return copyRowsOf(batch, selection, count);
            }
        };
    }

    private static final RowSchema TAGGED = new RowSchema(List.of(new Column("id", DataType.BIGINT),
            new Column("tag", DataType.VARCHAR), new Column("note", DataType.VARCHAR)));

    /** Rows of {@link #TAGGED}: five tags, which Parquet stores as a dictionary, and some nulls. */
    private static List<List<Object>> taggedRows() {
        List<String> tags = List.of("AIR", "MAIL", "SHIP", "RAIL", "TRUCK");
        List<List<Object>> rows = new ArrayList<>();
        for (long i = 0; i < 2500; i++) {
            rows.add(Rows.row(i, i % 13 == 0 ? null : tags.get((int) (i * 7 % 5)), "note " + i));
        }
        return rows;
    }

    /** Writes the rows in row groups of 1000. */
    private Path writeTagged(List<List<Object>> rows) {
        Path file = dir.resolve("tagged.parquet");
        try (ParquetBatchWriter writer = ParquetBatchWriter.open(file, TAGGED, new ParquetBatchWriter.Options(1 << 20, 1000));
             Batch batch = Rows.batch(allocator, TAGGED, rows)) {
            writer.write(batch);
        }
        return file;
    }

    private Batch copyRowsOf(Batch batch, int[] selection, int count) {
        List<FieldVector> copies = new ArrayList<>();
        for (FieldVector source : batch.columns()) {
            FieldVector copy = source.getField().createVector(allocator);
            copies.add(copy);
            copy.allocateNew();
            TransferPair pair = source.makeTransferPair(copy);
            for (int i = 0; i < count; i++) {
                pair.copyValueSafe(selection[i], i);
            }
            copy.setValueCount(count);
        }
        return new Batch(copies, count);
    }

    /** Keeps runs of 6 rows in 10, but none of rows 1000..1399 (row i stores about +-1000 i). */
    private static boolean kept(int value) {
        int row = Math.abs(value) / 1000;
        return row % 10 < 6 && (row < 1000 || row >= 1400);
    }

    /**
     * A constraint on a sorted column reads just the pages its page index does not rule out (parquet-java's writer
     * makes pages of 20,000 rows); the other column is read for the same rows.
     */
    @Test
    void pageIndexesSkipThePagesConstraintsRuleOut() {
        RowSchema schema = new RowSchema(List.of(new Column("k", DataType.BIGINT), new Column("s", DataType.VARCHAR)));
        List<List<Object>> rows = new ArrayList<>();
        for (long k = 0; k < 50_000; k++) {
            rows.add(Rows.row(k, "v" + k));
        }
        Path file = dir.resolve("sorted.parquet");
        try (ParquetBatchWriter writer = ParquetBatchWriter.open(file, schema, new ParquetBatchWriter.Options(1L << 30, 100_000));
             Batch batch = Rows.batch(allocator, schema, rows)) {
            writer.write(batch);
        }
        assertEquals(1, ParquetBatchReader.readFooter(file).getBlocks().size());

        List<List<Object>> read = Rows.readAll(ParquetBatchReader.open(file, readColumns(schema),
                kAtLeast(45_000), 1000, allocator));
        assertTrue(read.size() >= 5_000 && read.size() < 50_000, "rows read: " + read.size());
        long first = (Long) read.get(0).get(0);
        for (int i = 0; i < read.size(); i++) {
            assertEquals(Rows.row(first + i, "v" + (first + i)), read.get(i));
        }
        assertEquals(49_999L, read.get(read.size() - 1).get(0));
        assertEquals(List.of(), Rows.readAll(ParquetBatchReader.open(file, readColumns(schema), kAtLeast(50_000), 1000,
                allocator)));
    }

    private static RowGroupSelector kAtLeast(long value) {
        return RowGroupSelector.ALL.and(RowGroupSelector.statisticsMatch(
                List.of(new ColumnConstraint(0, ColumnConstraint.Op.GE, value)),
                (block, column) -> block.getColumns().get(column)));
    }

    @Test
    void projectionReordersMissingColumnsAreNullAndRowGroupsCanBeSelected() {
        List<List<Object>> rows = scalarRows(300);
        Path file = dir.resolve("p.parquet");
        try (ParquetBatchWriter writer = ParquetBatchWriter.open(file, SCALARS, new ParquetBatchWriter.Options(1 << 20, 100));
             Batch batch = Rows.batch(allocator, SCALARS, rows)) {
            writer.write(batch);
        }
        List<ReadColumn> columns = List.of(ReadColumn.fromFile("S", DataType.VARCHAR), ReadColumn.fromFile("nope", DataType.BIGINT),
                ReadColumn.fromFile("i", DataType.BIGINT), ReadColumn.constant("k", DataType.VARCHAR, "x"));
        List<List<Object>> read = Rows.readAll(ParquetBatchReader.open(file, columns, RowGroupSelector.indexes(new int[] {1}), 64, allocator));
        assertEquals(100, read.size());
        for (int r = 0; r < 100; r++) {
            List<Object> expected = rows.get(100 + r);
            Object i = expected.get(3);
            assertEquals(Rows.row(expected.get(10), null, i, "x"), read.get(r));
        }
    }

    @Test
    void nestedStructListMapRoundTrip() {
        RowSchema schema = NestedRows.SCHEMA;
        int count = 50;
        Path file = dir.resolve("nested.parquet");
        List<List<Object>> expected = new ArrayList<>();
        try (ParquetBatchWriter writer = ParquetBatchWriter.open(file, schema);
             Batch batch = NestedRows.batch(allocator, 0, count, expected)) {
            writer.write(batch);
        }
        assertEquals(schema, ParquetTypes.rowSchema(ParquetBatchReader.readFooter(file).getFileMetaData().getSchema()));
        List<List<Object>> read = Rows.readAll(ParquetBatchReader.open(file, readColumns(schema), RowGroupSelector.ALL, 16, allocator));
        assertEquals(expected, read);

        DataType onlyY = DataType.struct(List.of("y"), List.of(DataType.VARCHAR));
        List<List<Object>> pruned = Rows.readAll(ParquetBatchReader.open(file, List.of(ReadColumn.fromFile("st", onlyY)),
                RowGroupSelector.ALL, 100, allocator));
        assertEquals(count, pruned.size());
        assertEquals(Rows.row(Rows.row("y2")), pruned.get(2));
        assertEquals(Rows.row((Object) null), pruned.get(1));
    }

    /** Readers reuse a file's parsed footer only while the file is unchanged. */
    @Test
    void aFileRewrittenInPlaceIsReadWithItsNewFooter() throws Exception {
        Path file = dir.resolve("rewritten.parquet");
        for (int rows : new int[] {300, 700}) {
            Files.deleteIfExists(file);
            try (ParquetBatchWriter writer = ParquetBatchWriter.open(file, SCALARS, new ParquetBatchWriter.Options(1 << 20, 200));
                 Batch batch = Rows.batch(allocator, SCALARS, scalarRows(rows))) {
                writer.write(batch);
            }
            for (int read = 0; read < 2; read++) {
                assertEquals(Rows.comparable(scalarRows(rows)), Rows.readAll(ParquetBatchReader.open(file,
                        readColumns(SCALARS), RowGroupSelector.ALL, 128, allocator)));
            }
        }
    }

    @Test
    void corruptAndTruncatedFilesFailNamingTheFile() throws Exception {
        Path garbage = dir.resolve("garbage.parquet");
        Files.writeString(garbage, "this is not parquet at all, not even close");
        CatalogException e = assertThrows(CatalogException.class,
                () -> ParquetBatchReader.open(garbage, readColumns(SCALARS), RowGroupSelector.ALL, 10, allocator));
        assertTrue(e.getMessage().contains(garbage.toString()), e.getMessage());

        Path good = dir.resolve("good.parquet");
        try (ParquetBatchWriter writer = ParquetBatchWriter.open(good, SCALARS);
             Batch batch = Rows.batch(allocator, SCALARS, scalarRows(500))) {
            writer.write(batch);
        }
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = dir.resolve("truncated.parquet");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        e = assertThrows(CatalogException.class,
                () -> Rows.readAll(ParquetBatchReader.open(truncated, readColumns(SCALARS), RowGroupSelector.ALL, 10, allocator)));
        assertTrue(e.getMessage().contains(truncated.toString()), e.getMessage());

        // damage the column data but keep the footer intact
        byte[] damaged = bytes.clone();
        for (int i = 4; i < bytes.length / 2; i += 3) {
            damaged[i] = (byte) (damaged[i] ^ 0x5A);
        }
        Path corrupt = dir.resolve("corrupt.parquet");
        Files.write(corrupt, damaged);
        e = assertThrows(CatalogException.class,
                () -> Rows.readAll(ParquetBatchReader.open(corrupt, readColumns(SCALARS), RowGroupSelector.ALL, 10, allocator)));
        assertTrue(e.getMessage().contains(corrupt.toString()), e.getMessage());
        assertTrue(e.sqlState().equals(CatalogException.DATA_EXCEPTION) || e.sqlState().equals(CatalogException.IO_ERROR));
    }
}
