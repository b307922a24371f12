package io.tarn.catalog.parquet;

import io.tarn.catalog.type.ArrowTypes;
import io.tarn.catalog.type.DataType;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Column chunks and type conversions the vectorized decoder does not handle still decode, through parquet-java. */
class TestVectorizedFallback {
    private final RootAllocator allocator = new RootAllocator();

    @AfterEach
    void checkLeaks() {
        assertEquals(0, allocator.getAllocatedMemory(), "leaked Arrow memory");
        allocator.close();
    }

    /** Legacy BIT_PACKED definition levels (most significant bit first) are left to parquet-java. */
    @Test
    void bitPackedLevelsReplayThroughParquetJava() {
        PrimitiveType type = Types.optional(PrimitiveType.PrimitiveTypeName.INT32).named("x");
        int rows = 20;
        byte[] levels = new byte[(rows + 7) / 8];
        ByteBuffer values = ByteBuffer.allocate(4 * rows).order(ByteOrder.LITTLE_ENDIAN);
        int nonNull = 0;
        for (int i = 0; i < rows; i++) {
            if (i % 3 != 1) {
                levels[i / 8] |= (byte) (0x80 >>> (i % 8));
                values.putInt(i * 11 - 50);
                nonNull++;
            }
        }
        byte[] page = new byte[levels.length + 4 * nonNull];
        System.arraycopy(levels, 0, page, 0, levels.length);
        System.arraycopy(values.array(), 0, page, levels.length, 4 * nonNull);
        DataPage dataPage = new DataPageV1(BytesInput.from(page), rows, page.length, Statistics.createStats(type),
                Encoding.BIT_PACKED, Encoding.BIT_PACKED, Encoding.PLAIN);

        VectorizedFlatDecoder decoder = assertInstanceOf(VectorizedFlatDecoder.class,
                VectorizedFlatDecoder.create(type, DataType.INTEGER, "test"));
        decoder.startRowGroup(new BufferedPageStore(rows, null, null, List.of(dataPage)), null);
        assertTrue(decoder.replaying());
        try (IntVector vector = (IntVector) decode(decoder, DataType.INTEGER, rows)) {
            for (int i = 0; i < rows; i++) {
                if (i % 3 == 1) {
                    assertTrue(vector.isNull(i), "row " + i);
                } else {
                    assertEquals(i * 11 - 50, vector.get(i), "row " + i);
                }
            }
        }
    }

    /** A byte-array length running past its page fails the read instead of copying whatever memory follows. */
    @Test
    void byteArrayLengthPastThePageFails() {
        PrimitiveType type = Types.required(PrimitiveType.PrimitiveTypeName.BINARY).named("s");
        ByteBuffer page = ByteBuffer.allocate(4 + 3 + 4 + 2).order(ByteOrder.LITTLE_ENDIAN);
        page.putInt(3).put(new byte[] {'a', 'b', 'c'}).putInt(1 << 20).put(new byte[] {'d', 'e'});
        DataPage dataPage = new DataPageV1(BytesInput.from(page.array()), 2, page.capacity(), Statistics.createStats(type),
                Encoding.RLE, Encoding.RLE, Encoding.PLAIN);
        ColumnDecoder decoder = VectorizedFlatDecoder.create(type, DataType.VARCHAR, "test");
        decoder.startRowGroup(new BufferedPageStore(2, null, null, List.of(dataPage)), null);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> decode(decoder, DataType.VARCHAR, 2).close());
        assertTrue(e.getMessage().contains("runs past the page"), e.getMessage());
    }

    /** A rescaling decimal read keeps the exact value-at-a-time conversion. */
    @Test
    void unsupportedConversionUsesValueReader() {
        PrimitiveType type = Types.optional(PrimitiveType.PrimitiveTypeName.INT64)
                .as(org.apache.parquet.schema.LogicalTypeAnnotation.decimalType(2, 18)).named("d");
        assertInstanceOf(FlatColumnDecoder.class, VectorizedFlatDecoder.create(type, DataType.decimal(20, 4), "test"));
        assertInstanceOf(VectorizedFlatDecoder.class, VectorizedFlatDecoder.create(type, DataType.decimal(18, 2), "test"));
        assertNull(ArrowColumnWriter.create(Types.optional(PrimitiveType.PrimitiveTypeName.BOOLEAN).named("b"),
                DataType.INTEGER));
        assertFalse(ValueDecoding.supports(Encoding.DELTA_BINARY_PACKED, PrimitiveType.PrimitiveTypeName.DOUBLE));
    }

    private FieldVector decode(ColumnDecoder decoder, DataType type, int rows) {
        FieldVector vector = ArrowTypes.field("x", type).createVector(allocator);
        try {
            vector.setInitialCapacity(rows);
            vector.allocateNew();
            decoder.decode(vector, rows);
            vector.setValueCount(rows);
            return vector;
        } catch (RuntimeException e) {
            vector.close();
            throw e;
        }
    }
}
