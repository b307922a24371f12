package io.tarn.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The printers over real JDBC result sets (DuckDB's, so the formats are testable without the Tarn engine). */
class TestOutputFormats {

    private static final String QUERY = """
            SELECT * FROM (VALUES
                (1, 'plain', 2.50::DECIMAL(10,2), TRUE),
                (22, NULL, NULL, NULL),
                (333, 'with, comma and "quotes"', -1.00::DECIMAL(10,2), FALSE),
                (4444, 'two' || chr(10) || 'lines', 0.00::DECIMAL(10,2), TRUE),
                (55555, repeat('w', 100), 1.00::DECIMAL(10,2), FALSE)
            ) AS t(id, label, amount, flag) ORDER BY id""";

    private Connection connection;

    @BeforeEach
    void open() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("autoinstall_known_extensions", "false");
        properties.setProperty("autoload_known_extensions", "false");
        connection = DriverManager.getConnection("jdbc:duckdb:", properties);
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void tableAlignsColumnsAndShowsNulls() throws SQLException {
        List<String> lines = print(OutputFormat.TABLE, QUERY).lines().toList();
        assertEquals(7, lines.size());
        assertTrue(lines.get(0).startsWith("id    | label"), lines.get(0));
        assertTrue(lines.get(1).matches("-+(-\\+-+)+"), lines.get(1));
        // every row is as wide as the header rule, except the last column which is not padded
        int ruleWidth = lines.get(1).length();
        assertTrue(lines.stream().allMatch(line -> line.length() <= ruleWidth));
        assertTrue(lines.get(2).startsWith("    1 | plain"), lines.get(2));
        assertTrue(lines.get(3).matches("   22 \\| NULL +\\| +NULL \\| NULL"), lines.get(3));
        assertTrue(lines.get(5).contains("two↵lines"), lines.get(5));
        String wide = lines.get(6).split(" \\| ")[1].trim();
        assertEquals(TablePrinter.MAX_WIDTH, wide.length());
        assertTrue(wide.endsWith("…"));
    }

    @Test
    void csvQuotesWhatNeedsQuotingAndLeavesNullsEmpty() throws SQLException {
        String csv = print(OutputFormat.CSV, QUERY);
        String[] records = csv.split("\r\n");
        assertEquals("id,label,amount,flag", records[0]);
        assertEquals("1,plain,2.50,true", records[1]);
        assertEquals("22,,,", records[2]);
        assertEquals("333,\"with, comma and \"\"quotes\"\"\",-1.00,false", records[3]);
        assertEquals("4444,\"two\nlines\",0.00,true", records[4]);
        assertEquals("55555," + "w".repeat(100) + ",1.00,false", records[5]);
    }

    @Test
    void jsonTypesNumbersBooleansAndNulls() throws SQLException {
        String json = print(OutputFormat.JSON, QUERY);
        List<String> lines = json.lines().toList();
        assertEquals("[", lines.get(0));
        assertEquals("{\"id\":1,\"label\":\"plain\",\"amount\":2.50,\"flag\":true},", lines.get(1));
        assertEquals("{\"id\":22,\"label\":null,\"amount\":null,\"flag\":null},", lines.get(2));
        assertEquals("{\"id\":333,\"label\":\"with, comma and \\\"quotes\\\"\",\"amount\":-1.00,\"flag\":false},",
                lines.get(3));
        assertEquals("{\"id\":4444,\"label\":\"two\\nlines\",\"amount\":0.00,\"flag\":true},", lines.get(4));
        assertEquals("]", lines.get(lines.size() - 1));
    }

    @Test
    void tableStreamsRowsBeyondTheSizingWindow() throws SQLException {
        int rows = TablePrinter.SIZING_ROWS + 5;
        List<String> lines = print(OutputFormat.TABLE,
                "SELECT range AS n FROM range(" + rows + ") ORDER BY n").lines().toList();
        assertEquals(rows + 2, lines.size());
        assertEquals(String.valueOf(rows - 1), lines.get(lines.size() - 1).trim());
        // widths come from the first rows, so the later (wider) numbers just overflow the column
        assertEquals("  0", lines.get(2));
    }

    @Test
    void emptyResults() throws SQLException {
        String empty = "SELECT 1 AS a WHERE FALSE";
        assertEquals("[]\n", print(OutputFormat.JSON, empty));
        assertEquals("a\r\n", print(OutputFormat.CSV, empty));
        assertEquals(List.of("a", "-"), print(OutputFormat.TABLE, empty).lines().toList());
    }

    @Test
    void runnerSendsRowsToOutAndStatusElsewhere() throws SQLException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream status = new ByteArrayOutputStream();
        StatementRunner runner = new StatementRunner(connection, OutputFormat.CSV,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(status, true, StandardCharsets.UTF_8));
        runner.run("SELECT 42 AS answer");
        assertEquals("answer\r\n42\r\n", out.toString(StandardCharsets.UTF_8));
        assertTrue(status.toString(StandardCharsets.UTF_8).matches("1 row \\(\\d+\\.\\d{3} s\\)\\R"),
                status.toString(StandardCharsets.UTF_8));
    }

    @Test
    void parsesFormatNames() {
        assertEquals(OutputFormat.JSON, OutputFormat.parse("Json"));
        IllegalArgumentException error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> OutputFormat.parse("xml"));
        assertTrue(error.getMessage().contains("xml"));
    }

    private String print(OutputFormat format, String sql) throws SQLException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Statement statement = connection.createStatement(); ResultSet resultSet = statement.executeQuery(sql)) {
            format.printer().print(resultSet, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
