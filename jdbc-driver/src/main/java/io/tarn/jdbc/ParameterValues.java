package io.tarn.jdbc;

import io.tarn.catalog.spi.TarnException;
import io.tarn.catalog.type.DataType;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.avatica.remote.TypedValue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.TimeZone;

/**
 * Converts bound JDBC parameter values ({@link TypedValue}s in Avatica's local form: dates as int days, times as int
 * millis, timestamps as long millis of the wall clock) into Tarn's canonical form for the parameter's type.
 */
final class ParameterValues {

    /** SQLState for a value that does not fit the parameter's type. */
    static final String INVALID_PARAMETER_VALUE = "22023";

    private ParameterValues() {
    }

    static Object toCanonical(DataType type, TypedValue typedValue, TimeZone timeZone) {
        if (typedValue == null || typedValue.value == null) {
            return null;
        }
        Object value = typedValue.toLocal();
        try {
            return convert(type, value, timeZone);
        } catch (ClassCastException | IllegalArgumentException | java.time.DateTimeException | ArithmeticException e) {
            throw new TarnException(INVALID_PARAMETER_VALUE,
                    "cannot use " + value + " (" + value.getClass().getSimpleName() + ") as a value of type " + type, e);
        }
    }

    private static Object convert(DataType type, Object value, TimeZone timeZone) {
        return switch (type.kind()) {
            case BOOLEAN -> value instanceof Boolean b ? b
                    : value instanceof Number n ? n.longValue() != 0 : parseBoolean(value.toString());
            case TINYINT, SMALLINT, INTEGER, BIGINT -> value instanceof Number n
                    ? decimal(n).longValueExact() : new BigDecimal(value.toString().trim()).longValueExact();
            case DECIMAL -> value instanceof Number n ? decimal(n) : new BigDecimal(value.toString().trim());
            case REAL, DOUBLE -> value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString().trim());
            case CHAR, VARCHAR -> value instanceof ByteString bytes
                    ? new String(bytes.getBytes(), StandardCharsets.UTF_8) : value.toString();
            case BINARY, VARBINARY -> value instanceof ByteString bytes ? bytes.getBytes()
                    : value instanceof byte[] array ? array : value.toString().getBytes(StandardCharsets.UTF_8);
            case DATE -> value instanceof Number n ? n.intValue() : (int) LocalDate.parse(value.toString().trim()).toEpochDay();
            case TIME -> value instanceof Number n ? n.longValue() * 1000L
                    : LocalTime.parse(value.toString().trim()).toNanoOfDay() / 1000L;
            case TIMESTAMP -> value instanceof Number n ? n.longValue() * 1000L : wallClockMicros(value.toString());
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> {
                long wallMicros = value instanceof Number n ? n.longValue() * 1000L : wallClockMicros(value.toString());
                yield instantMicros(wallMicros, timeZone);
            }
            default -> value;
        };
    }

    private static BigDecimal decimal(Number number) {
        if (number instanceof BigDecimal decimal) {
            return decimal;
        }
        if (number instanceof Double || number instanceof Float) {
            return BigDecimal.valueOf(number.doubleValue());
        }
        return BigDecimal.valueOf(number.longValue());
    }

    private static boolean parseBoolean(String text) {
        String trimmed = text.trim();
        if (trimmed.equalsIgnoreCase("true")) {
            return true;
        }
        if (trimmed.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("not a boolean: " + text);
    }

    /** Micros since 1970-01-01 00:00 of a timestamp literal such as {@code 2024-01-31 12:00:00.123456}. */
    private static long wallClockMicros(String text) {
        LocalDateTime dateTime = LocalDateTime.parse(text.trim().replace(' ', 'T'));
        return dateTime.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + dateTime.getNano() / 1000L;
    }

    /** The instant at which clocks in {@code timeZone} showed this wall-clock time. */
    private static long instantMicros(long wallMicros, TimeZone timeZone) {
        LocalDateTime wall = LocalDateTime.ofEpochSecond(Math.floorDiv(wallMicros, 1_000_000L),
                (int) Math.floorMod(wallMicros, 1_000_000L) * 1000, ZoneOffset.UTC);
        java.time.Instant instant = wall.atZone(timeZone.toZoneId()).toInstant();
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000L;
    }
}
