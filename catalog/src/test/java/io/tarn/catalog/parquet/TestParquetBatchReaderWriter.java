package io.tarn.catalog.parquet;

import io.tarn.catalog.Rows;
import io.tarn.catalog.spi.CatalogException;
import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.Column;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.catalog.type.TypeKind;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.complex.impl.UnionListWriter;
import org.apache.arrow.vector.complex.impl.UnionMapWriter;
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
import java.util.Map;

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
        DataType struct = DataType.struct(List.of("x", "y"), List.of(DataType.INTEGER, DataType.VARCHAR));
        DataType list = DataType.list(DataType.INTEGER);
        DataType map = DataType.map(DataType.VARCHAR, DataType.INTEGER);
        RowSchema schema = new RowSchema(List.of(new Column("id", DataType.INTEGER), new Column("st", struct),
                new Column("li", list), new Column("mp", map)));
        int count = 50;
        Path file = dir.resolve("nested.parquet");
        List<List<Object>> expected = new ArrayList<>();
        try (Batch batch = Rows.batch(allocator, new RowSchema(List.of(schema.column(0))), idRows(count));
             StructVector st = (StructVector) io.tarn.catalog.type.ArrowTypes.field("st", struct).createVector(allocator);
             ListVector li = (ListVector) io.tarn.catalog.type.ArrowTypes.field("li", list).createVector(allocator);
             MapVector mp = (MapVector) io.tarn.catalog.type.ArrowTypes.field("mp", map).createVector(allocator)) {
            st.allocateNew();
            UnionListWriter listWriter = li.getWriter();
            UnionMapWriter mapWriter = mp.getWriter();
            IntVector x = (IntVector) st.getChildByOrdinal(0);
            VarCharVector y = (VarCharVector) st.getChildByOrdinal(1);
            for (int i = 0; i < count; i++) {
                List<Object> row = new ArrayList<>();
                row.add((long) i);
                if (i % 5 == 1) {
                    st.setNull(i);
                    row.add(null);
                } else {
                    st.setIndexDefined(i);
                    x.setSafe(i, i * 10);
                    if (i % 3 == 0) {
                        y.setNull(i);
                    } else {
                        y.setSafe(i, ("y" + i).getBytes(StandardCharsets.UTF_8));
                    }
                    row.add(Rows.row((long) (i * 10), i % 3 == 0 ? null : "y" + i));
                }
                listWriter.setPosition(i);
                if (i % 7 == 2) {
                    row.add(null);
                } else {
                    listWriter.startList();
                    List<Object> elements = new ArrayList<>();
                    for (int e = 0; e < i % 4; e++) {
                        if (e == 1) {
                            listWriter.writeNull();
                            elements.add(null);
                        } else {
                            listWriter.integer().writeInt(i + e);
                            elements.add((long) (i + e));
                        }
                    }
                    listWriter.endList();
                    row.add(elements);
                }
                mapWriter.setPosition(i);
                mapWriter.startMap();
                Map<Object, Object> entries = new java.util.LinkedHashMap<>();
                for (int e = 0; e < i % 3; e++) {
                    mapWriter.startEntry();
                    byte[] key = ("k" + e).getBytes(StandardCharsets.UTF_8);
                    try (org.apache.arrow.memory.ArrowBuf buf = allocator.buffer(key.length)) {
                        buf.setBytes(0, key);
                        mapWriter.key().varChar().writeVarChar(0, key.length, buf);
                    }
                    mapWriter.value().integer().writeInt(e * i);
                    mapWriter.endEntry();
                    entries.put("k" + e, (long) (e * i));
                }
                mapWriter.endMap();
                row.add(entries);
                expected.add(row);
            }
            st.setValueCount(count);
            li.setValueCount(count);
            mp.setValueCount(count);
            Batch nested = new Batch(List.of(batch.column(0), st, li, mp), count);
            try (ParquetBatchWriter writer = ParquetBatchWriter.open(file, schema)) {
                writer.write(nested);
            }
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

    private static List<List<Object>> idRows(int count) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(Rows.row((long) i));
        }
        return rows;
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
