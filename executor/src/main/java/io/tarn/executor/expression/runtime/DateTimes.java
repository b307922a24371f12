package io.tarn.executor.expression.runtime;

import io.tarn.executor.ExecutionException;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * Date/time arithmetic and EXTRACT for generated code. DATE = days since 1970-01-01, TIME = micros of the day,
 * TIMESTAMP = micros since 1970-01-01 local time, TIMESTAMP WITH LOCAL TIME ZONE = micros since the epoch (UTC),
 * INTERVAL DAY TO SECOND = millis, INTERVAL YEAR TO MONTH = months.
 */
public final class DateTimes {
    public static final long MICROS_PER_DAY = 86_400_000_000L;
    public static final long MILLIS_PER_DAY = 86_400_000L;

    /** EXTRACT units, passed to the extract methods as int codes. */
    public static final int YEAR = 0, QUARTER = 1, MONTH = 2, WEEK = 3, DAY = 4, DOW = 5, ISODOW = 6, DOY = 7,
            HOUR = 8, MINUTE = 9, SECOND = 10, MILLISECOND = 11, MICROSECOND = 12, EPOCH = 13, DECADE = 14,
            CENTURY = 15, MILLENNIUM = 16, ISOYEAR = 17, NANOSECOND = 18;
    private static final String[] UNIT_NAMES = {"YEAR", "QUARTER", "MONTH", "WEEK", "DAY", "DOW", "ISODOW", "DOY",
            "HOUR", "MINUTE", "SECOND", "MILLISECOND", "MICROSECOND", "EPOCH", "DECADE", "CENTURY", "MILLENNIUM", "ISOYEAR", "NANOSECOND"};

    private DateTimes() {
    }

    /** The code of an EXTRACT unit name (case-insensitive), e.g. "year" → {@link #YEAR}. */
    public static int unitCode(String unit) {
        String name = unit.toUpperCase(Locale.ROOT);
        if (name.equals("DAYOFWEEK")) {
            return DOW;
        }
        if (name.equals("DAYOFYEAR")) {
            return DOY;
        }
        for (int i = 0; i < UNIT_NAMES.length; i++) {
            if (UNIT_NAMES[i].equals(name)) {
                return i;
            }
        }
        throw new ExecutionException(ExecutionException.INTERNAL_ERROR, "unsupported EXTRACT unit " + unit);
    }

    public static int addMillisToDate(int days, long millis) {
        return Math.toIntExact(days + Math.floorDiv(millis, MILLIS_PER_DAY));
    }

    public static int addMonthsToDate(int days, long months) {
        try {
            return Math.toIntExact(LocalDate.ofEpochDay(days).plusMonths(months).toEpochDay());
        } catch (DateTimeException | ArithmeticException e) {
            throw overflow();
        }
    }

    public static long addMillisToTimestamp(long micros, long millis) {
        return IntegerMath.add(micros, IntegerMath.multiply(millis, 1000));
    }

    public static long addMonthsToTimestamp(long micros, long months) {
        long days = Math.floorDiv(micros, MICROS_PER_DAY);
        long timeOfDay = Math.floorMod(micros, MICROS_PER_DAY);
        return addMonthsToDate(Math.toIntExact(days), months) * MICROS_PER_DAY + timeOfDay;
    }

    public static long addMillisToTime(long micros, long millis) {
        return Math.floorMod(micros + Math.floorMod(millis, MILLIS_PER_DAY) * 1000, MICROS_PER_DAY);
    }

    /** Whole months from {@code b} to {@code a} (both DATE). */
    public static long monthsBetweenDates(int a, int b) {
        return ChronoUnit.MONTHS.between(LocalDate.ofEpochDay(b), LocalDate.ofEpochDay(a));
    }

    public static long dateToMicros(int days) {
        return days * MICROS_PER_DAY;
    }

    public static int microsToDate(long micros) {
        return (int) Math.floorDiv(micros, MICROS_PER_DAY);
    }

    public static long microsToTime(long micros) {
        return Math.floorMod(micros, MICROS_PER_DAY);
    }

    /** An instant (TIMESTAMP WITH LOCAL TIME ZONE) as local micros in {@code zone}. */
    public static long toLocal(long instantMicros, ZoneId zone) {
        if (zone instanceof ZoneOffset offset) {
            return instantMicros + offset.getTotalSeconds() * 1_000_000L;
        }
        Instant instant = Instant.ofEpochSecond(Math.floorDiv(instantMicros, 1_000_000L));
        return instantMicros + zone.getRules().getOffset(instant).getTotalSeconds() * 1_000_000L;
    }

    /** Local micros in {@code zone} as an instant; times in a DST gap or overlap take the earlier offset. */
    public static long fromLocal(long localMicros, ZoneId zone) {
        if (zone instanceof ZoneOffset offset) {
            return localMicros - offset.getTotalSeconds() * 1_000_000L;
        }
        long seconds = Math.floorDiv(localMicros, 1_000_000L);
        LocalDateTime local = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        return localMicros - zone.getRules().getOffset(local).getTotalSeconds() * 1_000_000L;
    }

    /** EXTRACT(unit FROM date). */
    public static long extractFromDate(int unit, int days) {
        switch (unit) {
            case YEAR:
                return civilYear(days);
            case MONTH:
                return civilMonth(days);
            case DAY:
                return civilDay(days);
            case QUARTER:
                return (civilMonth(days) + 2) / 3;
            case DOW:
                return Math.floorMod(days + 4, 7);
            case ISODOW:
                return Math.floorMod(days + 3, 7) + 1;
            case DOY:
                return LocalDate.ofEpochDay(days).getDayOfYear();
            case WEEK:
                return LocalDate.ofEpochDay(days).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            case ISOYEAR:
                return LocalDate.ofEpochDay(days).get(IsoFields.WEEK_BASED_YEAR);
            case DECADE:
                return Math.floorDiv(civilYear(days), 10);
            case CENTURY:
                return centuryOrMillennium(civilYear(days), 100);
            case MILLENNIUM:
                return centuryOrMillennium(civilYear(days), 1000);
            case EPOCH:
                return days * 86_400L;
            case HOUR:
            case MINUTE:
            case SECOND:
            case MILLISECOND:
            case MICROSECOND:
            case NANOSECOND:
                return 0;
            default:
                throw new ExecutionException(ExecutionException.INTERNAL_ERROR, "unsupported EXTRACT unit " + unit);
        }
    }

    /** EXTRACT(unit FROM timestamp) for local micros. */
    public static long extractFromTimestamp(int unit, long micros) {
        if (unit == EPOCH) {
            return Math.floorDiv(micros, 1_000_000L);
        }
        if (unit >= HOUR && unit <= MICROSECOND || unit == NANOSECOND) {
            return extractFromTime(unit, Math.floorMod(micros, MICROS_PER_DAY));
        }
        return extractFromDate(unit, microsToDate(micros));
    }

    /** EXTRACT(unit FROM time). */
    public static long extractFromTime(int unit, long micros) {
        switch (unit) {
            case HOUR:
                return micros / 3_600_000_000L;
            case MINUTE:
                return micros / 60_000_000L % 60;
            case SECOND:
                return micros / 1_000_000L % 60;
            case MILLISECOND:
                return micros / 1000 % 60_000;
            case MICROSECOND:
                return micros % 60_000_000L;
            case NANOSECOND:
                return micros % 60_000_000L * 1000;
            case EPOCH:
                return micros / 1_000_000L;
            default:
                throw new ExecutionException(ExecutionException.DATA_EXCEPTION,
                        "EXTRACT(" + UNIT_NAMES[unit] + ") is not defined for TIME");
        }
    }

    /** Year, month and day of a date by the proleptic Gregorian civil-from-days conversion. */
    private static int civilYear(int days) {
        long z = days + 719_468L;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long shiftedMonth = (5 * dayOfYear + 2) / 153;
        return (int) (yearOfEra + era * 400 + (shiftedMonth >= 10 ? 1 : 0));
    }

    private static int civilMonth(int days) {
        long z = days + 719_468L;
        long dayOfEra = z - Math.floorDiv(z, 146_097) * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long shiftedMonth = (5 * dayOfYear + 2) / 153;
        return (int) (shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
    }

    private static int civilDay(int days) {
        long z = days + 719_468L;
        long dayOfEra = z - Math.floorDiv(z, 146_097) * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long shiftedMonth = (5 * dayOfYear + 2) / 153;
        return (int) (dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
    }

    private static long centuryOrMillennium(int year, int span) {
        return year > 0 ? (year + span - 1) / span : -((-year + span) / span);
    }

    private static ExecutionException overflow() {
        return new ExecutionException("22008", "datetime field overflow");
    }
}
