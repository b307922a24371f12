package io.tarn.catalog.parquet;

import io.tarn.catalog.type.ArrowTypes;
import io.tarn.catalog.type.Column;
import io.tarn.catalog.type.RowSchema;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.schema.MessageType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Properties;

/**
 * Single-thread timing printout, not a test: decodes TPC-H q1's seven lineitem columns (6M rows written by DuckDB,
 * zstd) with the value-at-a-time decoder and the vectorized one. Run with the test classpath:
 * {@code java -cp ... io.tarn.catalog.parquet.ParquetDecodeTiming [file]}.
 */
public final class ParquetDecodeTiming {
    private static final int BATCH = 4096;

    private ParquetDecodeTiming() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir") + "/lineitem_q1.parquet");
        if (!Files.exists(file)) {
            writeLineitem(file);
        }
        try (BufferAllocator allocator = new RootAllocator()) {
            for (int round = 0; round < 5; round++) {
                long pages = timePagesOnly(file);
                long valueAtATime = time(file, false, allocator);
                long vectorized = time(file, true, allocator);
                System.out.printf("round %d: pages read + decompressed only %d ms, value-at-a-time %d ms, vectorized %d ms%n",
                        round, pages, valueAtATime, vectorized);
            }
        }
    }

    private static void writeLineitem(Path file) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("autoinstall_known_extensions", "false");
        properties.setProperty("autoload_known_extensions", "false");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:", properties);
             Statement statement = connection.createStatement()) {
            statement.execute("""
                    COPY (SELECT (1 + i % 50)::DECIMAL(15, 2) AS l_quantity,
                                 (900 + (i * 7919) % 104000 / 1.0)::DECIMAL(15, 2) AS l_extendedprice,
                                 ((i % 11) / 100.0)::DECIMAL(15, 2) AS l_discount,
                                 ((i % 9) / 100.0)::DECIMAL(15, 2) AS l_tax,
                                 ['A', 'N', 'R'][1 + i % 3] AS l_returnflag, ['F', 'O'][1 + i % 2] AS l_linestatus,
                                 DATE '1992-01-02' + ((i * 31) % 2526)::INTEGER AS l_shipdate
                          FROM range(6000000) t(i))
                    TO 'FILE' (FORMAT parquet, COMPRESSION zstd)""".replace("FILE", file.toString()));
        }
    }

    /** Milliseconds to read and decompress every page without decoding: the floor for any decoder. */
    private static long timePagesOnly(Path file) throws Exception {
        long start = System.nanoTime();
        long bytes = 0;
        try (ParquetFileReader reader = ParquetBatchReader.openFile(file)) {
            var columns = reader.getFooter().getFileMetaData().getSchema().getColumns();
            for (PageReadStore group = reader.readNextRowGroup(); group != null; group = reader.readNextRowGroup()) {
                for (var column : columns) {
                    PageReader pages = group.getPageReader(column);
                    DictionaryPage dictionary = pages.readDictionaryPage();
                    bytes += dictionary == null ? 0 : dictionary.getBytes().toByteBuffer().remaining();
                    for (DataPage page = pages.readPage(); page != null; page = pages.readPage()) {
                        bytes += ((DataPageV1) page).getBytes().toByteBuffer().remaining();
                    }
                }
            }
        }
        if (bytes == 0) {
            System.out.println("no page bytes");
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Milliseconds to read and decode every row group, pages and decompression included. */
    private static long time(Path file, boolean vectorized, BufferAllocator allocator) throws Exception {
        long start = System.nanoTime();
        long rows = 0;
        try (ParquetFileReader reader = ParquetBatchReader.openFile(file)) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
            RowSchema tarn = ParquetTypes.rowSchema(schema);
            int columns = tarn.columns().size();
            ColumnDecoder[] decoders = new ColumnDecoder[columns];
            for (int c = 0; c < columns; c++) {
                var type = schema.getType(c).asPrimitiveType();
                var target = tarn.columns().get(c).type();
                decoders[c] = vectorized ? VectorizedFlatDecoder.create(type, target, createdBy)
                        : new FlatColumnDecoder(type, target, createdBy);
            }
            for (PageReadStore group = reader.readNextRowGroup(); group != null; group = reader.readNextRowGroup()) {
                for (ColumnDecoder decoder : decoders) {
                    decoder.startRowGroup(group, null);
                }
                for (long done = 0; done < group.getRowCount(); done += BATCH) {
                    int count = (int) Math.min(BATCH, group.getRowCount() - done);
                    for (int c = 0; c < columns; c++) {
                        Column column = tarn.columns().get(c);
                        try (FieldVector vector = ArrowTypes.field(column.name(), column.type()).createVector(allocator)) {
                            vector.setInitialCapacity(count);
                            vector.allocateNew();
                            decoders[c].decode(vector, count);
                            vector.setValueCount(count);
                        }
                    }
                    rows += count;
                }
            }
        }
        if (rows != 6_000_000) {
            System.out.println("rows: " + rows);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }
}
