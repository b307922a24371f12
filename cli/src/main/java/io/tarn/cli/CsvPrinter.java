package io.tarn.cli;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/** RFC 4180 CSV with a header line; NULL is an empty field, an empty string is {@code ""}. */
final class CsvPrinter implements ResultPrinter {

    @Override
    public long print(ResultSet resultSet, PrintStream out) throws SQLException {
        ResultSetMetaData metaData = resultSet.getMetaData();
        int columns = metaData.getColumnCount();
        int[] types = new int[columns];
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < columns; c++) {
            types[c] = metaData.getColumnType(c + 1);
            line.append(c == 0 ? "" : ",").append(quote(metaData.getColumnLabel(c + 1)));
        }
        out.print(line.append("\r\n"));
        long rows = 0;
        while (resultSet.next()) {
            line.setLength(0);
            for (int c = 0; c < columns; c++) {
                String value = CellValues.text(resultSet, c + 1, types[c]);
                line.append(c == 0 ? "" : ",").append(value == null ? "" : quote(value));
            }
            out.print(line.append("\r\n"));
            rows++;
        }
        return rows;
    }

    static String quote(String value) {
        boolean needsQuotes = value.isEmpty() || value.indexOf(',') >= 0 || value.indexOf('"') >= 0
                || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
        return needsQuotes ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
