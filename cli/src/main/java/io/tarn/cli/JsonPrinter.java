package io.tarn.cli;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;

/** A JSON array with one object per row, keys in column order; numbers and booleans unquoted, NULL as null. */
final class JsonPrinter implements ResultPrinter {

    @Override
    public long print(ResultSet resultSet, PrintStream out) throws SQLException {
        ResultSetMetaData metaData = resultSet.getMetaData();
        int columns = metaData.getColumnCount();
        String[] keys = new String[columns];
        int[] types = new int[columns];
        for (int c = 0; c < columns; c++) {
            keys[c] = string(metaData.getColumnLabel(c + 1)) + ":";
            types[c] = metaData.getColumnType(c + 1);
        }
        out.print("[");
        long rows = 0;
        StringBuilder line = new StringBuilder();
        while (resultSet.next()) {
            line.setLength(0);
            line.append(rows == 0 ? "\n" : ",\n").append('{');
            for (int c = 0; c < columns; c++) {
                String value = CellValues.text(resultSet, c + 1, types[c]);
                line.append(c == 0 ? "" : ",").append(keys[c]).append(value(value, types[c]));
            }
            out.print(line.append('}'));
            rows++;
        }
        out.println(rows == 0 ? "]" : "\n]");
        return rows;
    }

    private static String value(String text, int sqlType) {
        if (text == null) {
            return "null";
        }
        boolean bare = (CellValues.isNumeric(sqlType) && isFinite(text))
                || sqlType == Types.BOOLEAN || sqlType == Types.BIT;
        return bare ? text : string(text);
    }

    /** NaN and Infinity are not JSON numbers, so they are written as strings. */
    private static boolean isFinite(String number) {
        return !number.contains("N") && !number.contains("I");
    }

    static String string(String text) {
        StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
