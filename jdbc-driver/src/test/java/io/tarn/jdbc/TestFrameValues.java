package io.tarn.jdbc;

import io.tarn.catalog.type.ArrowTypes;
import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.Column;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.catalog.type.TypeKind;
import io.tarn.catalog.type.Values;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.avatica.util.Cursor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Batches through {@link FrameValues} and then through Avatica's own accessors, as a result set reads them. */
class TestFrameValues {

    /** Result sets read plain dates and timestamps in the connection's zone, which defaults to the JVM's. */
    private static final TimeZone ZONE = TimeZone.getDefault();
    private static final TimeZone NEW_YORK = TimeZone.getTimeZone("America/New_York");

    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void checkMemory() {
        assertEquals(0, allocator.getAllocatedMemory());
        allocator.close();
    }

    @Test
    void scalarsReadBackThroughAvaticaAccessors() throws Exception {
        long timestampMicros = micros(LocalDateTime.of(2024, 2, 29, 13, 45, 30, 123_456_000));
        Instant instant = Instant.parse("2024-07-01T12:00:00Z");
        long instantMicros = instant.getEpochSecond() * 1_000_000L;
        RowSchema schema = new RowSchema(List.of(
                new Column("i", DataType.INTEGER),
                new Column("t", DataType.of(TypeKind.TINYINT)),
                new Column("d", DataType.decimal(12, 2)),
                new Column("s", DataType.VARCHAR),
                new Column("day", DataType.DATE),
                new Column("ts", DataType.TIMESTAMP),
                new Column("tm", DataType.of(TypeKind.TIME)),
                new Column("ltz", DataType.of(TypeKind.TIMESTAMP_WITH_LOCAL_TIME_ZONE)),
                new Column("b", DataType.of(TypeKind.VARBINARY)),
                new Column("flag", DataType.BOOLEAN)));
        List<List<Object>> values = List.of(
                Arrays.asList(7L, 3L, new BigDecimal("12.34"), "héllo", (int) LocalDate.of(2024, 2, 29).toEpochDay(),
                        timestampMicros, (13L * 3600 + 5) * 1_000_000L + 250_000L, instantMicros,
                        new byte[] {1, 2}, true),
                Arrays.asList(null, null, null, null, null, null, null, null, null, null));

        List<Object> rows = convert(schema, values);
        List<Cursor.Accessor> accessors = new ArrayList<>();
        try (Cursor cursor = cursor(schema, rows, accessors)) {
            assertTrue(cursor.next());
            assertEquals(7, accessors.get(0).getObject());
            assertEquals((byte) 3, accessors.get(1).getObject());
            assertEquals(new BigDecimal("12.34"), accessors.get(2).getBigDecimal());
            assertEquals("héllo", accessors.get(3).getString());
            assertEquals(Date.valueOf("2024-02-29"), accessors.get(4).getObject());
            assertEquals("2024-02-29", accessors.get(4).getString());
            assertEquals(Timestamp.valueOf("2024-02-29 13:45:30.123"), accessors.get(5).getObject());
            assertEquals("2024-02-29 13:45:30.123", accessors.get(5).getString());
            assertEquals("13:00:05.250", accessors.get(6).getString());
            assertEquals(Time.valueOf("13:00:05"), new Time(((Time) accessors.get(6).getObject()).getTime() / 1000 * 1000));
            assertEquals(Timestamp.from(instant), accessors.get(7).getObject());
            assertEquals(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").format(instant.atZone(ZONE.toZoneId())),
                    accessors.get(7).getString().substring(0, 19));
            assertArrayEquals(new byte[] {1, 2}, accessors.get(8).getBytes());
            assertEquals(true, accessors.get(9).getObject());

            assertTrue(cursor.next());
            for (Cursor.Accessor accessor : accessors) {
                assertNull(accessor.getObject());
                assertTrue(accessor.wasNull());
            }
            assertFalse(cursor.next());
        }
    }

    @Test
    void localTimeZoneTimestampsTravelAsTheSessionWallClock() {
        long instantMicros = Instant.parse("2024-07-01T12:00:00Z").getEpochSecond() * 1_000_000L;
        long newYorkWallClock = micros(LocalDateTime.of(2024, 7, 1, 8, 0)) / 1000; // EDT is UTC-4
        DataType type = DataType.of(TypeKind.TIMESTAMP_WITH_LOCAL_TIME_ZONE);
        assertEquals(newYorkWallClock, FrameValues.toFrameValue(type, instantMicros, NEW_YORK));
    }

    @Test
    void timestampsBeforeTheEpochRoundDown() {
        long micros = micros(LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000));
        assertEquals(-1L, FrameValues.toFrameValue(DataType.TIMESTAMP, micros, ZONE));
    }

    @Test
    void nestedValues() {
        DataType list = DataType.list(DataType.DATE);
        assertEquals(Arrays.asList(0, null, 1), FrameValues.toFrameValue(list, Arrays.asList(0, null, 1), ZONE));

        DataType struct = DataType.struct(List.of("n", "day"), List.of(DataType.INTEGER, DataType.DATE));
        assertEquals(List.of(5, Date.valueOf("1970-01-02")), FrameValues.toFrameValue(struct, List.of(5L, 1), ZONE));

        DataType map = DataType.map(DataType.VARCHAR, DataType.TIMESTAMP);
        assertEquals(Map.of("a", Timestamp.valueOf("1970-01-01 00:00:01.000002")),
                FrameValues.toFrameValue(map, Map.of("a", 1_000_002L), ZONE));
    }

    @Test
    void appendsOnlyTheRequestedRange() {
        RowSchema schema = new RowSchema(List.of(new Column("n", DataType.BIGINT)));
        List<List<Object>> values = new ArrayList<>();
        for (long i = 0; i < 10; i++) {
            values.add(List.of(i));
        }
        try (Batch batch = batch(schema, values)) {
            List<Object> rows = new ArrayList<>();
            new FrameValues(schema, ZONE).appendRows(batch, 3, 6, rows);
            assertEquals(List.of(3L, 4L, 5L), rows.stream().map(row -> ((Object[]) row)[0]).toList());
        }
    }

    private List<Object> convert(RowSchema schema, List<List<Object>> values) {
        try (Batch batch = batch(schema, values)) {
            List<Object> rows = new ArrayList<>();
            new FrameValues(schema, ZONE).appendRows(batch, 0, batch.rowCount(), rows);
            return rows;
        }
    }

    private static Cursor cursor(RowSchema schema, List<Object> rows, List<Cursor.Accessor> accessors) {
        List<ColumnMetaData> columns = new ArrayList<>();
        for (int i = 0; i < schema.size(); i++) {
            columns.add(JdbcTypes.column(i, schema.column(i).name(), schema.column(i).type()));
        }
        Cursor cursor = MetaImpl.createCursor(Meta.CursorFactory.ARRAY, rows);
        accessors.addAll(cursor.createAccessors(columns, Calendar.getInstance(ZONE, Locale.ROOT), null));
        return cursor;
    }

    private Batch batch(RowSchema schema, List<List<Object>> rows) {
        List<FieldVector> vectors = new ArrayList<>();
        for (int c = 0; c < schema.size(); c++) {
            Column column = schema.column(c);
            FieldVector vector = ArrowTypes.field(column.name(), column.type()).createVector(allocator);
            vector.allocateNew();
            for (int r = 0; r < rows.size(); r++) {
                Values.set(vector, r, rows.get(r).get(c));
            }
            vector.setValueCount(rows.size());
            vectors.add(vector);
        }
        return new Batch(vectors, rows.size());
    }

    private static long micros(LocalDateTime dateTime) {
        return dateTime.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + dateTime.getNano() / 1000;
    }
}
