package io.tarn.bench.tpch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One TPC-H query as io.trino.tpch 1.2 ships it ({@code io/trino/tpch/queries/q<n>.sql}): its statements in order
 * (q15 creates a view first, which {@link #createdView} names so it can be dropped afterwards), and whether its rows
 * come in a defined order.
 */
public record TpchQueryText(int number, List<String> statements, Optional<String> createdView, boolean ordered) {
    public static final int QUERY_COUNT = 22;

    private static final String RESOURCE_DIRECTORY = "/io/trino/tpch/queries/";
    private static final Pattern CREATED_VIEW = Pattern.compile("(?is)^CREATE\\s+(?:OR\\s+REPLACE\\s+)?VIEW\\s+(\\w+)");
    private static final Pattern ORDER_BY = Pattern.compile("(?is)\\border\\s+by\\b");

    public TpchQueryText {
        statements = List.copyOf(statements);
    }

    public static TpchQueryText load(int number) {
        if (number < 1 || number > QUERY_COUNT) {
            throw new IllegalArgumentException("TPC-H has queries 1 to " + QUERY_COUNT + ", not " + number);
        }
        List<String> statements = splitStatements(withoutHeaderLine(resource("q" + number + ".sql")));
        Optional<String> view = Optional.empty();
        for (String statement : statements) {
            Matcher matcher = CREATED_VIEW.matcher(statement);
            if (matcher.find()) {
                view = Optional.of(matcher.group(1));
            }
        }
        boolean ordered = ORDER_BY.matcher(statements.get(statements.size() - 1)).find();
        return new TpchQueryText(number, statements, view, ordered);
    }

    public String name() {
        return String.format("q%02d", number);
    }

    private static String resource(String name) {
        try (InputStream in = TpchQueryText.class.getResourceAsStream(RESOURCE_DIRECTORY + name)) {
            if (in == null) {
                throw new IllegalStateException("missing " + name + " in the io.trino.tpch jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first line ({@code -- database: presto; ...}) is metadata, not SQL. */
    private static String withoutHeaderLine(String sql) {
        return sql.startsWith("--") ? sql.substring(sql.indexOf('\n') + 1) : sql;
    }

    /** Splits at {@code ;} outside string literals; the query texts have no comments after their header. */
    private static List<String> splitStatements(String sql) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inString = false;
        for (char c : sql.toCharArray()) {
            if (c == '\'') {
                inString = !inString;
            }
            if (c == ';' && !inString) {
                addIfNotBlank(statements, current);
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        addIfNotBlank(statements, current);
        return statements;
    }

    private static void addIfNotBlank(List<String> statements, StringBuilder statement) {
        String text = statement.toString().strip();
        if (!text.isEmpty()) {
            statements.add(text);
        }
    }
}
