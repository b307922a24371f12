package io.tarn.bench.tpch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * One measured query: its statements in order (q15 creates a view first, which {@link #createdView} names so it can be
 * dropped afterwards), whether its rows come in a defined order, whether it counts in the TPC-H geometric mean, and
 * the table it reads in full when its throughput in rows/s is worth reporting.
 */
public record BenchQuery(String name, String description, List<String> statements, Optional<String> createdView,
                         boolean ordered, boolean inTpchGeomean, Optional<String> scannedTable) {
    public static final int TPCH_QUERY_COUNT = 22;

    /** Issue 3's scan-throughput query: one pass over lineitem, two decimal columns, one aggregate. */
    public static final BenchQuery SCAN = new BenchQuery("scan", "revenue sum over lineitem",
            List.of("SELECT sum(l_extendedprice * (1 - l_discount)) FROM lineitem"), Optional.empty(), false, false,
            Optional.of("lineitem"));

    private static final String RESOURCE_DIRECTORY = "/io/trino/tpch/queries/";
    private static final Pattern CREATED_VIEW = Pattern.compile("(?is)^CREATE\\s+(?:OR\\s+REPLACE\\s+)?VIEW\\s+(\\w+)");
    private static final Pattern ORDER_BY = Pattern.compile("(?is)\\border\\s+by\\b");

    public BenchQuery {
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        requireNonNull(createdView, "createdView is null");
        requireNonNull(scannedTable, "scannedTable is null");
        statements = List.copyOf(statements);
    }

    /** The 22 TPC-H queries, then {@link #SCAN}. */
    public static List<BenchQuery> all() {
        List<BenchQuery> queries = new ArrayList<>();
        for (int number = 1; number <= TPCH_QUERY_COUNT; number++) {
            queries.add(tpch(number));
        }
        queries.add(SCAN);
        return queries;
    }

    /** {@code scan}, or a TPC-H query as {@code 3} or {@code q3}. */
    public static BenchQuery parse(String text) {
        String name = text.strip().toLowerCase(Locale.ROOT);
        if (name.equals(SCAN.name())) {
            return SCAN;
        }
        try {
            return tpch(Integer.parseInt(name.startsWith("q") ? name.substring(1) : name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unknown query " + text.strip() + ": TPC-H queries are 1 to "
                    + TPCH_QUERY_COUNT + ", the scan query is " + SCAN.name());
        }
    }

    /** TPC-H query {@code number} as io.trino.tpch 1.2 ships it ({@code io/trino/tpch/queries/q<n>.sql}). */
    public static BenchQuery tpch(int number) {
        if (number < 1 || number > TPCH_QUERY_COUNT) {
            throw new IllegalArgumentException("TPC-H has queries 1 to " + TPCH_QUERY_COUNT + ", not " + number);
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
        return new BenchQuery(String.format("q%02d", number), "TPC-H query " + number, statements, view, ordered, true,
                Optional.empty());
    }

    private static String resource(String name) {
        try (InputStream in = BenchQuery.class.getResourceAsStream(RESOURCE_DIRECTORY + name)) {
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
