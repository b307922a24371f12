package io.tarn.catalog.parquet;

import io.tarn.catalog.Rows;
import io.tarn.catalog.type.Column;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.catalog.type.TypeKind;
import org.apache.arrow.memory.RootAllocator;
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

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Physical layouts Tarn's writer never produces but other writers do: INT96, BINARY decimals, millisecond units. */
class TestParquetPhysicalEncodings {
    private final RootAllocator allocator = new RootAllocator();
    @TempDir
    Path dir;

    @AfterEach
    void checkLeaks() {
        assertEquals(0, allocator.getAllocatedMemory(), "leaked Arrow memory");
        allocator.close();
    }

    @Test
    void legacyAndAlternativePhysicalTypesConvert() throws Exception {
        MessageType schema = MessageTypeParser.parseMessageType("""
                message legacy {
                  optional int96 i96;
                  optional binary dec_bin (DECIMAL(25, 4));
                  optional fixed_len_byte_array(5) dec_fixed (DECIMAL(10, 2));
                  optional int32 time_ms (TIME(MILLIS, false));
                  optional int64 ts_ms (TIMESTAMP(MILLIS, true));
                  optional int32 u32 (INTEGER(32, false));
                }""");
        Path file = dir.resolve("legacy.parquet");
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        List<List<Object>> expected = new ArrayList<>();
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema)
                .withConf(new PlainParquetConfiguration()).withCompressionCodec(CompressionCodecName.SNAPPY).build()) {
            for (int i = 0; i < 500; i++) {
                Group group = groups.newGroup();
                if (i % 9 == 4) {
                    writer.write(group);
                    expected.add(new ArrayList<>(java.util.Collections.nCopies(6, null)));
                    continue;
                }
                long julianDay = 2_440_588L + i - 250;
                long nanosOfDay = i * 1_000_000_123L % 86_400_000_000_000L;
                group.add("i96", new NanoTime((int) julianDay, nanosOfDay));
                BigDecimal dec = new BigDecimal("-123456789012345678.1234").add(BigDecimal.valueOf(i * 7919L, 4));
                group.add("dec_bin", Binary.fromConstantByteArray(dec.unscaledValue().toByteArray()));
                BigDecimal small = BigDecimal.valueOf((i - 250) * 1234567L, 2);
                group.add("dec_fixed", Binary.fromConstantByteArray(fixed(small.unscaledValue(), 5)));
                group.add("time_ms", i * 1000 + 7);
                group.add("ts_ms", (i - 250) * 86_400_123L);
                group.add("u32", (int) (3_000_000_000L + i));
                writer.write(group);
                expected.add(Rows.row((julianDay - 2_440_588L) * 86_400_000_000L + nanosOfDay / 1000, dec, small,
                        (i * 1000 + 7) * 1000L, (i - 250) * 86_400_123L * 1000, 3_000_000_000L + i));
            }
        }
        RowSchema tarn = ParquetTypes.rowSchema(ParquetBatchReader.readFooter(file).getFileMetaData().getSchema());
        assertEquals(new RowSchema(List.of(new Column("i96", DataType.TIMESTAMP), new Column("dec_bin", DataType.decimal(25, 4)),
                new Column("dec_fixed", DataType.decimal(10, 2)), new Column("time_ms", DataType.of(TypeKind.TIME)),
                new Column("ts_ms", DataType.of(TypeKind.TIMESTAMP_WITH_LOCAL_TIME_ZONE)),
                new Column("u32", DataType.BIGINT))), tarn);
        List<List<Object>> read = Rows.readAll(ParquetBatchReader.open(file,
                TestParquetBatchReaderWriter.readColumns(tarn), RowGroupSelector.ALL, 128, allocator));
        assertEquals(expected, read);
    }

    private static byte[] fixed(BigInteger unscaled, int length) {
        byte[] minimal = unscaled.toByteArray();
        byte[] result = new byte[length];
        byte pad = (byte) (unscaled.signum() < 0 ? 0xFF : 0);
        java.util.Arrays.fill(result, pad);
        System.arraycopy(minimal, 0, result, length - minimal.length, minimal.length);
        return result;
    }
}
