package io.tarn.jdbc;

import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.catalog.type.Values;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarCharVector;

import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TimeZone;

/**
 * Converts Arrow batches into Avatica frame rows ({@code Object[]} per row), column by column, in the representation
 * {@link JdbcTypes#rep} announces. Common scalar types read their vectors directly; the rest go through
 * {@link Values#get} and {@link #toFrameValue}.
 */
final class FrameValues {

    private final ColumnFiller[] fillers;
    private final int columnCount;

    FrameValues(RowSchema schema, TimeZone timeZone) {
        Objects.requireNonNull(schema, "schema is null");
        Objects.requireNonNull(timeZone, "timeZone is null");
        this.columnCount = schema.size();
        this.fillers = new ColumnFiller[columnCount];
        for (int c = 0; c < columnCount; c++) {
            fillers[c] = filler(schema.column(c).type(), timeZone);
        }
    }

    /** Appends rows {@code from} (inclusive) to {@code to} (exclusive) of {@code batch} to {@code rows}. */
    void appendRows(Batch batch, int from, int to, List<Object> rows) {
        Object[][] converted = new Object[to - from][columnCount];
        for (int c = 0; c < columnCount; c++) {
            fillers[c].fill(batch.column(c), from, to, converted, c);
        }
        for (Object[] row : converted) {
            rows.add(row);
        }
    }

    /** Writes one column of rows {@code from..to} into {@code rows[i - from][column]}. */
    private interface ColumnFiller {
        void fill(FieldVector vector, int from, int to, Object[][] rows, int column);
    }

    private static ColumnFiller filler(DataType type, TimeZone timeZone) {
        return switch (type.kind()) {
            case BOOLEAN -> (vector, from, to, rows, column) -> {
                BitVector v = (BitVector) vector;
                for (int i = from; i < to; i++) {
                    rows[i - from][column] = v.isNull(i) ? null : v.get(i) != 0;
                }
            };
            case TINYINT -> (vector, from, to, rows, column) -> {
                TinyIntVector v = (TinyIntVector) vector;
                for (int i = from; i < to; i++) {
                    rows[i - from][column] = v.isNull(i) ? null : v.get(i);
                }
            };
            case SMALLINT -> (vector, from, to, rows, column) -> {
                SmallIntVector v = (SmallIntVector) vector;
                for (int i = from; i < to; i++) {
                    rows[i - from][column] = v.isNull(i) ? null : v.get(i);
                }
            };
            case INTEGER -> (vector, from, to, rows, column) -> {
                IntVector v = (IntVector) vector;
                for (int i = from; i < to; i++) {
                    rows[i - from][column] = v.isNull(i) ? null : v.get(i);
                }
            };
            case BIGINT -> (vector, from, to, rows, column) -> {
                BigIntVector v = (BigIntVector) vector;
                for (int i = from; i < to; i++) {
                    rows[i - from][column] = v.isNull(i) ? null : v.get(i);
                }
            };
            case DOUBLE -> (vector, from, to, rows, column) -> {
                Float8Vector v = (Float8Vector) vector;
                for (int i = from; i < to; i++) {
                    rows[i - from][column] = v.isNull(i) ? null : v.get(i);
                }
            };
            case REAL -> (vector, from, to, rows, column) -> {
                Float4Vector v = (Float4Vector) vector;
                for (int i = from; i < to; i++) {
                    rows[i - from][column] = v.isNull(i) ? null : v.get(i);
                }
            };
            case DECIMAL -> (vector, from, to, rows, column) -> {
                DecimalVector v = (DecimalVector) vector;
                for (int i = from; i < to; i++) {
                    rows[i - from][column] = v.getObject(i);
                }
            };
            case CHAR, VARCHAR -> (vector, from, to, rows, column) -> {
                VarCharVector v = (VarCharVector) vector;
                for (int i = from; i < to; i++) {
                    rows[i - from][column] = v.isNull(i) ? null : new String(v.get(i), StandardCharsets.UTF_8);
                }
            };
            case DATE -> (vector, from, to, rows, column) -> {
                DateDayVector v = (DateDayVector) vector;
                for (int i = from; i < to; i++) {
                    rows[i - from][column] = v.isNull(i) ? null : v.get(i);
                }
            };
            default -> (vector, from, to, rows, column) -> {
                for (int i = from; i < to; i++) {
                    rows[i - from][column] = toFrameValue(type, Values.get(vector, i), timeZone);
                }
            };
        };
    }

    /**
     * Converts a value from Tarn's canonical form ({@link Values}) to its frame form: narrower boxed integers,
     * TIME micros to int millis, TIMESTAMP micros to long millis, TIMESTAMP WITH LOCAL TIME ZONE to the wall clock
     * of {@code timeZone} in millis (Avatica shifts it back to the instant when building a {@link java.sql.Timestamp}),
     * LIST elements in frame form (Avatica's array accessor converts them). STRUCT fields and MAP entries are handed
     * out as they are, so they hold plain JDBC objects ({@link #toJdbcObject}).
     */
    static Object toFrameValue(DataType type, Object value, TimeZone timeZone) {
        if (value == null) {
            return null;
        }
        return switch (type.kind()) {
            case TINYINT -> ((Number) value).byteValue();
            case SMALLINT -> ((Number) value).shortValue();
            case INTEGER, INTERVAL_YEAR_MONTH -> ((Number) value).intValue();
            case REAL -> ((Number) value).floatValue();
            case TIME -> (int) Math.floorDiv(((Number) value).longValue(), 1000L);
            case TIMESTAMP -> Math.floorDiv(((Number) value).longValue(), 1000L);
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> {
                long instantMillis = Math.floorDiv(((Number) value).longValue(), 1000L);
                yield instantMillis + timeZone.getOffset(instantMillis);
            }
            case LIST -> {
                DataType element = type.children().get(0);
                List<Object> converted = new ArrayList<>();
                for (Object item : (List<?>) value) {
                    converted.add(toFrameValue(element, item, timeZone));
                }
                yield converted;
            }
            case STRUCT, MAP -> toJdbcObject(type, value);
            default -> value;
        };
    }

    /** A canonical value as the Java object JDBC's {@code getObject} would give for its type. */
    static Object toJdbcObject(DataType type, Object value) {
        if (value == null) {
            return null;
        }
        return switch (type.kind()) {
            case TINYINT -> ((Number) value).byteValue();
            case SMALLINT -> ((Number) value).shortValue();
            case INTEGER -> ((Number) value).intValue();
            case REAL -> ((Number) value).floatValue();
            case DATE -> Date.valueOf(LocalDate.ofEpochDay(((Number) value).longValue()));
            case TIME -> Time.valueOf(LocalTime.ofNanoOfDay(((Number) value).longValue() * 1000L));
            case TIMESTAMP -> Timestamp.valueOf(localDateTime(((Number) value).longValue()));
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> Timestamp.from(instant(((Number) value).longValue()));
            case LIST -> {
                List<Object> converted = new ArrayList<>();
                for (Object item : (List<?>) value) {
                    converted.add(toJdbcObject(type.children().get(0), item));
                }
                yield converted;
            }
            case STRUCT -> {
                List<?> fields = (List<?>) value;
                List<Object> converted = new ArrayList<>(fields.size());
                for (int i = 0; i < fields.size(); i++) {
                    converted.add(toJdbcObject(type.children().get(i), fields.get(i)));
                }
                yield converted;
            }
            case MAP -> {
                Map<Object, Object> converted = new LinkedHashMap<>();
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    converted.put(toJdbcObject(type.children().get(0), entry.getKey()),
                            toJdbcObject(type.children().get(1), entry.getValue()));
                }
                yield converted;
            }
            default -> value;
        };
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    private static LocalDateTime localDateTime(long micros) {
        return LocalDateTime.ofInstant(instant(micros), ZoneOffset.UTC);
    }
}
