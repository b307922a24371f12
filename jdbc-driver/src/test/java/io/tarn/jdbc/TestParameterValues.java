package io.tarn.jdbc;

import io.tarn.catalog.spi.TarnException;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.TypeKind;
import org.apache.calcite.avatica.ColumnMetaData.Rep;
import org.apache.calcite.avatica.remote.TypedValue;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Calendar;
import java.util.Locale;
import java.util.TimeZone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Values bound the way AvaticaSite binds them ({@link TypedValue#ofJdbc}) become Tarn canonical values. */
class TestParameterValues {

    private static final TimeZone ZONE = TimeZone.getTimeZone("Europe/Paris");
    private static final Calendar CALENDAR = Calendar.getInstance(ZONE, Locale.ROOT);

    @Test
    void numbers() {
        assertEquals(42L, convert(DataType.INTEGER, Rep.INTEGER, 42));
        assertEquals(42L, convert(DataType.BIGINT, Rep.STRING, " 42 "));
        assertEquals(new BigDecimal("1.50"), convert(DataType.decimal(10, 2), Rep.NUMBER, new BigDecimal("1.50")));
        assertEquals(new BigDecimal("7"), convert(DataType.decimal(10, 2), Rep.LONG, 7L));
        assertEquals(2.5, convert(DataType.DOUBLE, Rep.FLOAT, 2.5f));
        assertEquals(true, convert(DataType.BOOLEAN, Rep.STRING, "TRUE"));
    }

    @Test
    void stringsAndBinaries() {
        assertEquals("abc", convert(DataType.VARCHAR, Rep.STRING, "abc"));
        assertArrayEquals(new byte[] {1, 2, 3},
                (byte[]) convert(DataType.of(TypeKind.VARBINARY), Rep.BYTE_STRING, new byte[] {1, 2, 3}));
    }

    @Test
    void datetimesFollowTheWallClockOfTheConnectionZone() {
        // setDate/setTime/setTimestamp values are read in the connection's calendar, as JDBC does.
        Calendar day = (Calendar) CALENDAR.clone();
        day.clear();
        day.set(2024, Calendar.MARCH, 1);
        assertEquals((int) LocalDate.of(2024, 3, 1).toEpochDay(),
                convert(DataType.DATE, Rep.JAVA_SQL_DATE, new Date(day.getTimeInMillis())));

        Calendar time = (Calendar) CALENDAR.clone();
        time.clear();
        time.set(1970, Calendar.JANUARY, 1, 10, 30, 15);
        assertEquals((10 * 3600 + 30 * 60 + 15) * 1_000_000L,
                convert(DataType.of(TypeKind.TIME), Rep.JAVA_SQL_TIME, new Time(time.getTimeInMillis())));

        Instant instant = Instant.parse("2024-06-01T10:00:00.250Z");
        Timestamp timestamp = Timestamp.from(instant);
        // Naive TIMESTAMP: the wall clock in Paris (UTC+2 in June).
        assertEquals(Instant.parse("2024-06-01T12:00:00.250Z").toEpochMilli() * 1000L,
                convert(DataType.TIMESTAMP, Rep.JAVA_SQL_TIMESTAMP, timestamp));
        // WITH LOCAL TIME ZONE: the instant itself.
        assertEquals(instant.toEpochMilli() * 1000L,
                convert(DataType.of(TypeKind.TIMESTAMP_WITH_LOCAL_TIME_ZONE), Rep.JAVA_SQL_TIMESTAMP, timestamp));
    }

    @Test
    void textDatetimes() {
        assertEquals(19_783, convert(DataType.DATE, Rep.STRING, "2024-03-01"));
        assertEquals(1_000_001L, convert(DataType.TIMESTAMP, Rep.STRING, "1970-01-01 00:00:01.000001"));
    }

    @Test
    void nullsStayNull() {
        assertNull(ParameterValues.toCanonical(DataType.INTEGER, TypedValue.EXPLICIT_NULL, ZONE));
        assertNull(ParameterValues.toCanonical(DataType.INTEGER, null, ZONE));
    }

    @Test
    void unusableValuesAreDataErrors() {
        TarnException error = assertThrows(TarnException.class, () -> convert(DataType.INTEGER, Rep.STRING, "ten"));
        assertEquals(ParameterValues.INVALID_PARAMETER_VALUE, error.sqlState());
        assertThrows(TarnException.class, () -> convert(DataType.INTEGER, Rep.NUMBER, new BigDecimal("1.5")));
    }

    private static Object convert(DataType type, Rep rep, Object jdbcValue) {
        return ParameterValues.toCanonical(type, TypedValue.ofJdbc(rep, jdbcValue, CALENDAR), ZONE);
    }
}
