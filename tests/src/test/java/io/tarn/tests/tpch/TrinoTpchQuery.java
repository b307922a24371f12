package io.tarn.tests.tpch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One TPC-H query as shipped in the io.trino.tpch jar ({@code io/trino/tpch/queries/q<n>.sql} and {@code .result}):
 * its statements (q15 creates a view first) and the expected rows at SF 0.01.
 *
 * @param statements  the query text split at top-level {@code ;}, the {@code -- database:} header line removed
 * @param ignoreOrder whether the expected rows may come in any order
 * @param rows        expected values as text, one list per row; {@code null} (as Trino writes it) is SQL NULL
 */
record TrinoTpchQuery(int number, List<String> statements, boolean ignoreOrder, List<List<String>> rows) {
    private static final String RESOURCE_DIRECTORY = "/io/trino/tpch/queries/";
    static final int QUERY_COUNT = 22;

    static TrinoTpchQuery load(int number) {
        String sql = resource("q" + number + ".sql");
        String result = resource("q" + number + ".result");
        return new TrinoTpchQuery(number, splitStatements(withoutHeaderLine(sql)), parseIgnoreOrder(result),
                parseRows(result));
    }

    String name() {
        return String.format("q%02d", number);
    }

    private static String resource(String name) {
        try (InputStream in = Objects.requireNonNull(TrinoTpchQuery.class.getResourceAsStream(RESOURCE_DIRECTORY + name),
                "missing " + name + " in the io.trino.tpch jar")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first line ({@code -- database: presto; groups: tpch; tables: ...}) is metadata, not SQL. */
    private static String withoutHeaderLine(String sql) {
        if (!sql.startsWith("-- database:")) {
            throw new IllegalArgumentException("unexpected query header: " + sql.lines().findFirst().orElse(""));
        }
        return sql.substring(sql.indexOf('\n') + 1);
    }

    /** Splits at {@code ;} outside string literals; the Trino texts have no comments after their header. */
    private static List<String> splitStatements(String sql) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inString = false;
        for (char c : sql.toCharArray()) {
            if (c == '\'') {
                inString = !inString;
            }
            if (c == ';' && !inString) {
                statements.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        statements.add(current.toString().strip());
        return statements.stream().filter(statement -> !statement.isEmpty()).toList();
    }

    /** Header: {@code -- delimiter: |; ignoreOrder: false; types: ...}. */
    private static boolean parseIgnoreOrder(String result) {
        String header = result.lines().findFirst().orElseThrow();
        if (!header.startsWith("-- delimiter: |;")) {
            throw new IllegalArgumentException("unexpected result header: " + header);
        }
        return header.contains("ignoreOrder: true");
    }

    /** Rows separated by {@code |}; some rows end with a trailing {@code |}, which ends the row rather than adding a value. */
    private static List<List<String>> parseRows(String result) {
        return result.lines().skip(1).filter(line -> !line.isEmpty()).map(line -> {
            String row = line.endsWith("|") ? line.substring(0, line.length() - 1) : line;
            return Arrays.asList(row.split("\\|", -1));
        }).toList();
    }
}
