package io.tarn.executor.expression.runtime;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Locale;

/** CASTs between text and other types for generated code; unparsable text raises 22018 (numbers) or 22007 (dates). */
public final class Casts {
    private static final byte[] TRUE = Strings.utf8("true");
    private static final byte[] FALSE = Strings.utf8("false");

    private Casts() {
    }

    public static byte[] toText(long value) {
        return Strings.utf8(Long.toString(value));
    }

    public static byte[] toText(boolean value) {
        return value ? TRUE : FALSE;
    }

    public static byte[] decimalToText(long unscaled, int scale) {
        return Strings.utf8(BigDecimal.valueOf(unscaled, scale).toPlainString());
    }

    public static byte[] decimalToText(Int128 unscaled, int scale) {
        return Strings.utf8(WideDecimalMath.toBigDecimal(unscaled, scale).toPlainString());
    }

    /** Shortest round-trip digits, plain for exponents -4..15 ("0.1", "100.0"), else scientific ("1e+16"), like DuckDB. */
    public static byte[] doubleToText(double value) {
        return Strings.utf8(floatingText(value, Double.toString(value)));
    }

    public static byte[] realToText(double value) {
        return Strings.utf8(floatingText(value, Float.toString((float) value)));
    }

    private static String floatingText(double value, String javaText) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0.0" : "0.0";
        }
        BigDecimal decimal = new BigDecimal(javaText).stripTrailingZeros();
        int exponent = decimal.precision() - decimal.scale() - 1;
        if (exponent >= -4 && exponent < 16) {
            String plain = decimal.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        String digits = decimal.unscaledValue().abs().toString();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (value < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "")
                + Math.abs(exponent);
    }

    public static byte[] dateToText(int days) {
        return Strings.utf8(LocalDate.ofEpochDay(days).toString());
    }

    /** HH:mm:ss with a fraction only when non-zero (trailing zeros dropped). */
    public static byte[] timeToText(long micros) {
        return Strings.utf8(timeText(micros));
    }

    public static byte[] timestampToText(long micros) {
        long days = Math.floorDiv(micros, DateTimes.MICROS_PER_DAY);
        long time = Math.floorMod(micros, DateTimes.MICROS_PER_DAY);
        return Strings.utf8(LocalDate.ofEpochDay(days) + " " + timeText(time));
    }

    public static long parseLong(byte[] text, long min, long max, String type) {
        String value = Strings.toJavaString(text).trim();
        try {
            return IntegerMath.checkRange(Long.parseLong(value), min, max, type);
        } catch (NumberFormatException e) {
            return DecimalMath.toLong(parseNumber(value, text, type), min, max, type);
        }
    }

    public static long parseDecimal(byte[] text, int scale, int precision) {
        return DecimalMath.unscaled(parseDecimalValue(text, scale, precision));
    }

    public static Int128 parseDecimal(Int128 result, byte[] text, int scale, int precision) {
        return result.set(parseDecimalValue(text, scale, precision).unscaledValue());
    }

    private static BigDecimal parseDecimalValue(byte[] text, int scale, int precision) {
        String type = "DECIMAL(" + precision + ", " + scale + ")";
        return DecimalMath.rescale(parseNumber(Strings.toJavaString(text).trim(), text, type), scale, precision);
    }

    public static double parseDouble(byte[] text) {
        String value = Strings.toJavaString(text).trim();
        switch (value.toLowerCase(Locale.ROOT)) {
            case "nan":
                return Double.NaN;
            case "inf", "infinity", "+inf", "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf", "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                return parseNumber(value, text, "DOUBLE").doubleValue();
        }
    }

    public static boolean parseBoolean(byte[] text) {
        switch (Strings.toJavaString(text).trim().toLowerCase(Locale.ROOT)) {
            case "true", "t", "yes", "y", "on", "1":
                return true;
            case "false", "f", "no", "n", "off", "0":
                return false;
            default:
                throw Errors.invalidText("BOOLEAN", text);
        }
    }

    /** 'yyyy-mm-dd' (month and day may have one digit); a time part after a space or 'T' is ignored. */
    public static int parseDate(byte[] text) {
        String value = Strings.toJavaString(text).trim();
        int end = endOfDatePart(value);
        try {
            return Math.toIntExact(parseDatePart(value.substring(0, end)).toEpochDay());
        } catch (RuntimeException e) {
            throw Errors.invalidDatetime("DATE", text);
        }
    }

    /** 'yyyy-mm-dd[ hh:mm[:ss[.fffffffff]]]' (or with 'T'). */
    public static long parseTimestamp(byte[] text) {
        String value = Strings.toJavaString(text).trim();
        int end = endOfDatePart(value);
        try {
            long days = parseDatePart(value.substring(0, end)).toEpochDay();
            long time = end < value.length() ? parseTimePart(value.substring(end + 1).trim()) : 0;
            return IntegerMath.add(IntegerMath.multiply(days, DateTimes.MICROS_PER_DAY), time);
        } catch (RuntimeException e) {
            throw Errors.invalidDatetime("TIMESTAMP", text);
        }
    }

    /** 'hh:mm[:ss[.ffffff]]'. */
    public static long parseTime(byte[] text) {
        try {
            return parseTimePart(Strings.toJavaString(text).trim());
        } catch (RuntimeException e) {
            throw Errors.invalidDatetime("TIME", text);
        }
    }

    private static BigDecimal parseNumber(String value, byte[] text, String type) {
        try {
            return new BigDecimal(value.startsWith("+") ? value.substring(1) : value);
        } catch (NumberFormatException e) {
            throw Errors.invalidText(type, text);
        }
    }

    private static int endOfDatePart(String value) {
        int space = value.indexOf(' ');
        int t = value.indexOf('T');
        int end = value.length();
        if (space > 0) {
            end = space;
        }
        if (t > 0 && t < end) {
            end = t;
        }
        return end;
    }

    private static LocalDate parseDatePart(String value) {
        boolean negative = value.startsWith("-");
        String[] parts = (negative ? value.substring(1) : value).split("-", -1);
        if (parts.length != 3 || parts[1].length() > 2 || parts[2].length() > 2 || parts[0].isEmpty()) {
            throw new DateTimeException("bad date " + value);
        }
        int year = Integer.parseInt(parts[0]);
        return LocalDate.of(negative ? -year : year, Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
    }

    private static long parseTimePart(String value) {
        String[] parts = value.split(":", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new DateTimeException("bad time " + value);
        }
        int hour = Integer.parseInt(parts[0]);
        int minute = Integer.parseInt(parts[1]);
        int second = 0;
        long micros = 0;
        if (parts.length == 3) {
            String[] secondParts = parts[2].split("\\.", -1);
            second = Integer.parseInt(secondParts[0]);
            if (secondParts.length == 2) {
                String fraction = (secondParts[1] + "000000").substring(0, 6);
                if (!secondParts[1].chars().allMatch(Character::isDigit) || secondParts[1].isEmpty()) {
                    throw new DateTimeException("bad fraction " + value);
                }
                micros = Long.parseLong(fraction);
            } else if (secondParts.length > 2) {
                throw new DateTimeException("bad seconds " + value);
            }
        }
        return LocalTime.of(hour, minute, second).toNanoOfDay() / 1000 + micros;
    }

    private static String timeText(long micros) {
        LocalTime time = LocalTime.ofNanoOfDay(micros * 1000);
        String text = String.format(Locale.ROOT, "%02d:%02d:%02d", time.getHour(), time.getMinute(), time.getSecond());
        long fraction = micros % 1_000_000L;
        if (fraction == 0) {
            return text;
        }
        String digits = String.format(Locale.ROOT, "%06d", fraction);
        int end = digits.length();
        while (digits.charAt(end - 1) == '0') {
            end--;
        }
        return text + "." + digits.substring(0, end);
    }
}
