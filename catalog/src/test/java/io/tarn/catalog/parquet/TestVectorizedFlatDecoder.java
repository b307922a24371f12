package io.tarn.catalog.parquet;

import io.tarn.catalog.Rows;
import io.tarn.catalog.type.Batch;
import org.apache.arrow.memory.RootAllocator;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.NanoTime;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Differential test: every physical type x encoding that parquet-java and DuckDB write is decoded by the vectorized
 * decoder and by parquet-java's value-at-a-time reader, and the Arrow vectors must match value for value.
 */
class TestVectorizedFlatDecoder {
    private static final int ROWS = 5_000;
    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
            message all_types {
              required boolean req_bool;
              optional boolean opt_bool;
              required int32 req_int;
              optional int32 opt_int;
              optional int32 tiny (INTEGER(8, true));
              optional int32 small (INTEGER(16, true));
              optional int32 u32 (INTEGER(32, false));
              required int64 req_long;
              optional int64 opt_long;
              optional float opt_float;
              required double req_double;
              optional double opt_double;
              required binary req_string (STRING);
              optional binary opt_string (STRING);
              optional fixed_len_byte_array(16) uuid_bytes;
              optional int96 i96;
              optional int32 day (DATE);
              optional int64 ts_millis (TIMESTAMP(MILLIS, true));
              optional int64 ts_micros (TIMESTAMP(MICROS, false));
              optional int64 ts_nanos (TIMESTAMP(NANOS, true));
              optional int32 time_millis (TIME(MILLIS, false));
              optional int32 dec_int (DECIMAL(9, 2));
              required int64 dec_long (DECIMAL(18, 4));
              optional fixed_len_byte_array(9) dec_fixed (DECIMAL(20, 3));
              optional binary dec_binary (DECIMAL(30, 5));
              optional int64 sparse_dec (DECIMAL(18, 2));
              optional binary sparse_text (STRING);
              optional int32 never;
            }""");

    private final RootAllocator allocator = new RootAllocator();
    @TempDir
    Path dir;

    @AfterEach
    void checkLeaks() {
        assertEquals(0, allocator.getAllocatedMemory(), "leaked Arrow memory");
        allocator.close();
    }

    @Test
    void plainAndDictionaryV1Pages() throws Exception {
        assertSameAsValueReader(write("v1.parquet", WriterVersion.PARQUET_1_0, true, false),
                EnumSet.of(Encoding.PLAIN_DICTIONARY, Encoding.PLAIN));
        assertSameAsValueReader(write("v1_plain.parquet", WriterVersion.PARQUET_1_0, false, false), EnumSet.of(Encoding.PLAIN));
    }

    @Test
    void deltaAndDictionaryV2Pages() throws Exception {
        assertSameAsValueReader(write("v2.parquet", WriterVersion.PARQUET_2_0, true, false),
                EnumSet.of(Encoding.RLE_DICTIONARY, Encoding.PLAIN));
        assertSameAsValueReader(write("v2_delta.parquet", WriterVersion.PARQUET_2_0, false, false), EnumSet.of(
                Encoding.DELTA_BINARY_PACKED, Encoding.DELTA_BYTE_ARRAY, Encoding.RLE, Encoding.PLAIN));
    }

    @Test
    void byteStreamSplitPages() throws Exception {
        assertSameAsValueReader(write("bss.parquet", WriterVersion.PARQUET_1_0, false, true),
                EnumSet.of(Encoding.BYTE_STREAM_SPLIT));
    }

    @Test
    void tarnWriterFiles() throws Exception {
        Path file = dir.resolve("tarn.parquet");
        try (ParquetBatchWriter writer = ParquetBatchWriter.open(file, TestParquetBatchReaderWriter.SCALARS,
                new ParquetBatchWriter.Options(1 << 20, 1500));
             Batch batch = Rows.batch(allocator, TestParquetBatchReaderWriter.SCALARS,
                     TestParquetBatchReaderWriter.scalarRows(ROWS))) {
            writer.write(batch);
        }
        assertSameAsValueReader(file, EnumSet.noneOf(Encoding.class));
    }

    @Test
    void duckDbFiles() throws Exception {
        String select = """
                SELECT (i % 100)::TINYINT AS tiny, (i * 7 % 30000)::SMALLINT AS small, i::INTEGER AS int_value,
                       CASE WHEN i % 7 = 0 THEN NULL ELSE i * 1000003 END::BIGINT AS long_value,
                       (i % 50)::UINTEGER + 4000000000 AS u32, i % 3 = 0 AS flag,
                       (i / 7.0)::REAL AS real_value, CASE WHEN i % 5 = 0 THEN NULL ELSE i / 3.0 END::DOUBLE AS double_value,
                       (i * 1.25)::DECIMAL(15, 2) AS dec15, (i * 0.001)::DECIMAL(9, 3) AS dec9,
                       (i * 12345.678)::DECIMAL(30, 3) AS dec30,
                       ['A', 'N', 'R'][1 + i % 3] AS flag_string,
                       CASE WHEN i % 11 = 0 THEN NULL ELSE 'comment number ' || i END AS comment,
                       DATE '1992-01-01' + (i % 2500)::INTEGER AS day,
                       TIMESTAMP '2001-02-03 04:05:06' + INTERVAL (i) SECOND AS ts,
                       TIMESTAMPTZ '2001-02-03 04:05:06+00' + INTERVAL (i) MILLISECOND AS ts_tz,
                       TIME '01:02:03' + INTERVAL (i) SECOND AS time_value
                FROM range(20000) t(i)""";
        Properties properties = new Properties();
        properties.setProperty("autoinstall_known_extensions", "false");
        properties.setProperty("autoload_known_extensions", "false");
        Path v1 = dir.resolve("duck_v1.parquet");
        Path v2 = dir.resolve("duck_v2.parquet");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:", properties);
             Statement statement = connection.createStatement()) {
            statement.execute("COPY (" + select + ") TO '" + v1 + "' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 7000)");
            statement.execute("COPY (" + select + ") TO '" + v2 + "' (FORMAT parquet, COMPRESSION snappy, "
                    + "PARQUET_VERSION v2, ROW_GROUP_SIZE 7000)");
        }
        // DuckDB writes no page indexes
        assertSameAsValueReader(v1, EnumSet.of(Encoding.PLAIN_DICTIONARY, Encoding.PLAIN), false);
        assertSameAsValueReader(v2, EnumSet.of(Encoding.RLE_DICTIONARY, Encoding.DELTA_BINARY_PACKED,
                Encoding.DELTA_LENGTH_BYTE_ARRAY), false);
    }

    /** As below, for files with page indexes (parquet-java writes them), so that page-pruned reads are compared too. */
    private void assertSameAsValueReader(Path file, Set<Encoding> expectedEncodings) throws Exception {
        assertSameAsValueReader(file, expectedEncodings, true);
    }

    /** Compares in batches of a few rows, of an odd size crossing pages, and larger than a page. */
    private void assertSameAsValueReader(Path file, Set<Encoding> expectedEncodings, boolean pageIndexes) throws Exception {
        for (int batchSize : new int[] {7, 333, 4096}) {
            DecoderComparison comparison = new DecoderComparison();
            comparison.compare(file, batchSize, allocator);
            assertEquals(List.of(), comparison.replayed, "column chunks replayed through parquet-java");
            assertTrue(comparison.encodings.containsAll(expectedEncodings), "encodings " + comparison.encodings);
            assertTrue(comparison.rowGroups > 1, "row groups: " + comparison.rowGroups);
            assertTrue(comparison.comparedValues > 0);
            assertEquals(pageIndexes, comparison.partlyReadRowGroups > 0, "row groups read in part: "
                    + comparison.partlyReadRowGroups);
            if (expectedEncodings.contains(Encoding.PLAIN_DICTIONARY) || expectedEncodings.contains(Encoding.RLE_DICTIONARY)) {
                assertTrue(comparison.comparedIds > 0, "values compared by dictionary id");
            }
        }
    }

    /**
     * Random data with repeats (so dictionaries pay off) and ~1/6 nulls, in small pages and several row groups; some
     * columns mostly or only null, so that pages and batches without any value occur.
     */
    private Path write(String name, WriterVersion version, boolean dictionary, boolean byteStreamSplit) throws Exception {
        Path file = dir.resolve(name);
        SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
        Random random = new Random(name.hashCode());
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(SCHEMA)
                .withConf(new PlainParquetConfiguration()).withCompressionCodec(CompressionCodecName.ZSTD)
                .withWriterVersion(version).withDictionaryEncoding(dictionary).withByteStreamSplitEncoding(byteStreamSplit)
                .withPageRowCountLimit(100).withPageSize(4096).withRowGroupSize(64 * 1024L).build()) {
            for (int i = 0; i < ROWS; i++) {
                writer.write(row(groups.newGroup(), random, i));
            }
        }
        return file;
    }

    private static Group row(Group group, Random random, int i) {
        int small = random.nextInt(40) - 20;
        long wide = random.nextInt(5) == 0 ? random.nextLong() : small * 1_000_003L;
        group.add("req_bool", random.nextBoolean());
        group.add("req_int", random.nextInt(3) == 0 ? random.nextInt() : small);
        group.add("req_long", wide);
        group.add("req_double", random.nextInt(4) == 0 ? random.nextGaussian() : small / 4.0);
        group.add("req_string", random.nextInt(4) == 0 ? "unique text " + random.nextLong() : "k" + small);
        group.add("dec_long", wide % 1_000_000_000_000_000L);
        if ((i / 1500) % 2 == 0 && i % 4 == 0) { // mostly null, and whole pages of nulls from row 1500 to 2999
            group.add("sparse_dec", wide % 1_000_000_000_000_000L);
            group.add("sparse_text", "sparse " + small);
        }
        if (random.nextInt(6) == 0) {
            return group;
        }
        group.add("opt_bool", random.nextBoolean());
        group.add("opt_int", small);
        group.add("tiny", small * 3);
        group.add("small", small * 1000);
        group.add("u32", small < 0 ? (int) (3_000_000_000L + small) : small);
        group.add("opt_long", wide);
        group.add("opt_float", random.nextFloat() * small);
        group.add("opt_double", small * 0.5);
        group.add("opt_string", i % 3 == 0 ? "" : "string-" + random.nextInt(100));
        byte[] uuid = new byte[16];
        random.nextBytes(uuid);
        group.add("uuid_bytes", Binary.fromConstantByteArray(uuid));
        group.add("i96", new NanoTime(2_440_588 + small * 1000, Math.floorMod(wide, 86_400_000_000_000L)));
        group.add("day", small * 400);
        group.add("ts_millis", wide / 1000);
        group.add("ts_micros", wide);
        group.add("ts_nanos", wide);
        group.add("time_millis", Math.floorMod(small * 3_600_007, 86_400_000));
        group.add("dec_int", small * 12345);
        byte[] fixed = new byte[9];
        random.nextBytes(fixed);
        group.add("dec_fixed", Binary.fromConstantByteArray(fixed));
        byte[] minimal = java.math.BigInteger.valueOf(wide).multiply(java.math.BigInteger.valueOf(small)).toByteArray();
        group.add("dec_binary", Binary.fromConstantByteArray(minimal));
        return group;
    }

}
