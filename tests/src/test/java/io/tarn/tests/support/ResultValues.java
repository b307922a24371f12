package io.tarn.tests.support;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Reads JDBC results into engine-neutral Java values so two engines' rows can be compared: exact numbers become
 * {@link BigDecimal}, REAL/DOUBLE become {@link Double}, dates and times their {@code java.time} types, binary values
 * {@link Bytes}, SQL NULL {@code null}; strings and booleans stay as they are.
 */
public final class ResultValues {
    /** Relative tolerance for approximate (REAL/DOUBLE) values. */
    private static final double RELATIVE_TOLERANCE = 1e-9;
    /** Significant digits kept when rendering a double, so that engines' last-bit differences render alike. */
    private static final MathContext RENDER_PRECISION = new MathContext(12);

    private ResultValues() {
    }

    /** A binary value, compared by content. */
    public record Bytes(String hex) {
        @Override
        public String toString() {
            return "X'" + hex + "'";
        }
    }

    /** Every remaining row of {@code resultSet}, each value normalized. */
    public static List<List<Object>> readAll(ResultSet resultSet) throws SQLException {
        requireNonNull(resultSet, "resultSet is null");
        ResultSetMetaData metaData = resultSet.getMetaData();
        int columnCount = metaData.getColumnCount();
        int[] types = new int[columnCount];
        for (int column = 1; column <= columnCount; column++) {
            types[column - 1] = metaData.getColumnType(column);
        }
        List<List<Object>> rows = new ArrayList<>();
        while (resultSet.next()) {
            rows.add(readRow(resultSet, types));
        }
        return rows;
    }

    /** The current row of {@code resultSet}, each value normalized. */
    public static List<Object> currentRow(ResultSet resultSet) throws SQLException {
        ResultSetMetaData metaData = resultSet.getMetaData();
        int[] types = new int[metaData.getColumnCount()];
        for (int column = 1; column <= types.length; column++) {
            types[column - 1] = metaData.getColumnType(column);
        }
        return readRow(resultSet, types);
    }

    private static List<Object> readRow(ResultSet resultSet, int[] types) throws SQLException {
        List<Object> row = new ArrayList<>(types.length);
        for (int column = 1; column <= types.length; column++) {
            row.add(read(resultSet, column, types[column - 1]));
        }
        return row;
    }

    private static Object read(ResultSet resultSet, int column, int sqlType) throws SQLException {
        Object value = switch (sqlType) {
            case Types.DATE -> javaTime(resultSet, column, LocalDate.class);
            case Types.TIME -> javaTime(resultSet, column, LocalTime.class);
            case Types.TIMESTAMP -> javaTime(resultSet, column, LocalDateTime.class);
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> {
                byte[] bytes = resultSet.getBytes(column);
                yield bytes == null ? null : new Bytes(HexFormat.of().withUpperCase().formatHex(bytes));
            }
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> {
                double number = resultSet.getDouble(column);
                yield resultSet.wasNull() ? null : number;
            }
            default -> resultSet.getObject(column);
        };
        return resultSet.wasNull() ? null : normalize(value);
    }

    /**
     * JDBC 4.2's {@code getObject(column, LocalDate.class)}; drivers without it (Avatica's accessors) give a
     * {@code java.sql} value that {@link #normalize} converts.
     */
    private static Object javaTime(ResultSet resultSet, int column, Class<?> type) throws SQLException {
        try {
            return resultSet.getObject(column, type);
        } catch (SQLException unsupported) {
            return resultSet.getObject(column);
        }
    }

    private static Object normalize(Object value) {
        if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
            return BigDecimal.valueOf(((Number) value).longValue());
        } else if (value instanceof BigInteger integer) {
            return new BigDecimal(integer);
        } else if (value instanceof Float number) {
            return number.doubleValue();
        } else if (value instanceof java.sql.Date date) {
            return date.toLocalDate();
        } else if (value instanceof java.sql.Time time) {
            return time.toLocalTime();
        } else if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toLocalDateTime();
        }
        return value;
    }

    /** Typed equality: numbers by value (doubles within a relative 1e-9), everything else by {@code equals}. */
    public static boolean sameValue(Object left, Object right) {
        if (left == null || right == null) {
            return left == right;
        }
        if (left instanceof Double || right instanceof Double) {
            return left instanceof Number a && right instanceof Number b && approximatelyEqual(a.doubleValue(), b.doubleValue());
        }
        if (left instanceof BigDecimal a && right instanceof BigDecimal b) {
            return a.compareTo(b) == 0;
        }
        return left.equals(right);
    }

    /** Whether {@code actual} equals a value written as text in a test file ({@code NULL} for SQL NULL). */
    public static boolean matchesText(Object actual, String text) {
        requireNonNull(text, "text is null");
        if (actual == null || text.equals("NULL")) {
            return actual == null && text.equals("NULL");
        }
        try {
            if (actual instanceof Double number) {
                return approximatelyEqual(number, Double.parseDouble(text));
            } else if (actual instanceof BigDecimal number) {
                return number.compareTo(new BigDecimal(text)) == 0;
            } else if (actual instanceof Boolean bool) {
                return text.equalsIgnoreCase(bool.toString());
            } else if (actual instanceof LocalDate date) {
                return date.equals(LocalDate.parse(text));
            } else if (actual instanceof LocalTime time) {
                return time.equals(LocalTime.parse(text));
            } else if (actual instanceof LocalDateTime timestamp) {
                return timestamp.equals(LocalDateTime.parse(text.replace(' ', 'T')));
            }
            return render(actual).equals(text);
        } catch (RuntimeException unparsable) {
            return false;
        }
    }

    private static boolean approximatelyEqual(double a, double b) {
        if (a == b || (Double.isNaN(a) && Double.isNaN(b))) {
            return true;
        }
        return Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
    }

    /**
     * A canonical text for sorting and messages: numbers in plain notation without trailing zeros, doubles to 12
     * significant digits, so that a DOUBLE on one engine and a DECIMAL on the other render (and sort) alike.
     */
    public static String render(Object value) {
        if (value == null) {
            return "NULL";
        } else if (value instanceof BigDecimal number) {
            return number.stripTrailingZeros().toPlainString();
        } else if (value instanceof Double number && Double.isFinite(number)) {
            return new BigDecimal(number).round(RENDER_PRECISION).stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }

    /** A row rendered as {@code a | b | c}. */
    public static String render(List<?> row) {
        StringBuilder text = new StringBuilder();
        for (Object value : row) {
            if (!text.isEmpty()) {
                text.append(" | ");
            }
            text.append(render(value));
        }
        return text.toString();
    }
}
