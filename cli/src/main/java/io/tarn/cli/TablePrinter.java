package io.tarn.cli;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints an aligned table with a header and a rule; numbers align right, NULL shows as {@code NULL}, values wider
 * than {@value #MAX_WIDTH} characters are cut with {@code …}, line breaks show as {@code ↵}. Column widths come from
 * the first {@value #SIZING_ROWS} rows; later rows stream out with those widths, so huge results need no memory.
 */
final class TablePrinter implements ResultPrinter {

    static final int MAX_WIDTH = 60;
    static final int SIZING_ROWS = 1000;
    static final String NULL = "NULL";

    @Override
    public long print(ResultSet resultSet, PrintStream out) throws SQLException {
        ResultSetMetaData metaData = resultSet.getMetaData();
        int columns = metaData.getColumnCount();
        String[] header = new String[columns];
        boolean[] rightAligned = new boolean[columns];
        int[] types = new int[columns];
        int[] widths = new int[columns];
        for (int c = 0; c < columns; c++) {
            header[c] = cell(metaData.getColumnLabel(c + 1));
            types[c] = metaData.getColumnType(c + 1);
            rightAligned[c] = CellValues.isNumeric(types[c]);
            widths[c] = header[c].length();
        }
        List<String[]> sizingRows = new ArrayList<>();
        boolean more = resultSet.next();
        while (more && sizingRows.size() < SIZING_ROWS) {
            String[] row = row(resultSet, types);
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
            sizingRows.add(row);
            more = resultSet.next();
        }
        StringBuilder line = new StringBuilder();
        out.println(format(line, header, widths, new boolean[columns]));
        line.setLength(0);
        for (int c = 0; c < columns; c++) {
            line.append(c == 0 ? "" : "-+-").append("-".repeat(widths[c]));
        }
        out.println(line);
        for (String[] row : sizingRows) {
            out.println(format(line, row, widths, rightAligned));
        }
        long rows = sizingRows.size();
        for (; more; more = resultSet.next()) {
            out.println(format(line, row(resultSet, types), widths, rightAligned));
            rows++;
        }
        return rows;
    }

    private static String[] row(ResultSet resultSet, int[] types) throws SQLException {
        String[] row = new String[types.length];
        for (int c = 0; c < types.length; c++) {
            String value = CellValues.text(resultSet, c + 1, types[c]);
            row[c] = value == null ? NULL : cell(value);
        }
        return row;
    }

    private static StringBuilder format(StringBuilder line, String[] cells, int[] widths, boolean[] rightAligned) {
        line.setLength(0);
        for (int c = 0; c < cells.length; c++) {
            line.append(c == 0 ? "" : " | ");
            String padding = " ".repeat(Math.max(0, widths[c] - cells[c].length()));
            if (rightAligned[c]) {
                line.append(padding).append(cells[c]);
            } else {
                line.append(cells[c]);
                if (c < cells.length - 1) {
                    line.append(padding);
                }
            }
        }
        return line;
    }

    /** One-line text of at most {@link #MAX_WIDTH} characters. */
    static String cell(String value) {
        String oneLine = value.replace("\r\n", "↵").replace('\n', '↵').replace('\r', '↵').replace('\t', ' ');
        return oneLine.length() <= MAX_WIDTH ? oneLine : oneLine.substring(0, MAX_WIDTH - 1) + "…";
    }
}
