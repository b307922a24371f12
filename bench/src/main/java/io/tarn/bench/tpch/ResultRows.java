package io.tarn.bench.tpch;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Reads a JDBC result into engine-neutral values so two engines' rows compare: exact numbers become
 * {@link BigDecimal}, REAL/DOUBLE {@link Double}, DATE {@link LocalDate}, SQL NULL {@code null}; strings and booleans
 * stay as they are, anything else becomes its text.
 */
public final class ResultRows {
    private ResultRows() {
    }

    public static List<List<Object>> readAll(ResultSet resultSet) throws SQLException {
        requireNonNull(resultSet, "resultSet is null");
        ResultSetMetaData metaData = resultSet.getMetaData();
        int columnCount = metaData.getColumnCount();
        int[] types = new int[columnCount];
        for (int column = 0; column < columnCount; column++) {
            types[column] = metaData.getColumnType(column + 1);
        }
        List<List<Object>> rows = new ArrayList<>();
        while (resultSet.next()) {
            List<Object> row = new ArrayList<>(columnCount);
            for (int column = 0; column < columnCount; column++) {
                row.add(read(resultSet, column + 1, types[column]));
            }
            rows.add(row);
        }
        return rows;
    }

    private static Object read(ResultSet resultSet, int column, int sqlType) throws SQLException {
        Object value = switch (sqlType) {
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> resultSet.getDouble(column);
            case Types.DATE -> {
                java.sql.Date date = resultSet.getDate(column);
                yield date == null ? null : date.toLocalDate();
            }
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR -> resultSet.getString(column);
            default -> resultSet.getObject(column);
        };
        return resultSet.wasNull() ? null : normalize(value);
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
        } else if (value instanceof BigDecimal || value instanceof Double || value instanceof String
                || value instanceof Boolean || value instanceof LocalDate) {
            return value;
        }
        return value.toString();
    }
}
