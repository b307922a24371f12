package io.tarn.tests.slt;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Differential SQL tests: runs every {@code src/test/resources/slt/<area>/*.slt} file on Tarn and on DuckDB and
 * compares the results. Each file gets its own Tarn session (a fresh {@code jdbc:tarn:mem:} warehouse) and its own
 * in-memory DuckDB; each record becomes one dynamic test named {@code <file>:<line>}.
 *
 * <h2>File format</h2>
 * <pre>
 * # name: joins/outer.slt              (three header lines, in this order)
 * # description: what the file covers
 * # group: [joins]
 * # requires: tpch                     (optional: see below)
 *
 * statement ok                         runs on both engines, must succeed
 * CREATE TABLE t (a INTEGER, b VARCHAR);
 *
 * statement error 42P01                Tarn must fail with an SQLSTATE starting with 42P01 (DuckDB is not consulted)
 * SELECT * FROM missing;
 *
 * query rowsort                        Tarn's rows must equal DuckDB's; rowsort ignores row order
 * SELECT a, b FROM t;
 *
 * query                                rows compared in order: the query must fix the order (ORDER BY over all
 * SELECT a FROM t ORDER BY a;          columns, or a single row)
 * </pre>
 * A record's SQL runs up to the next blank line; a trailing {@code ;} is dropped. Lines starting with {@code #} are
 * comments, except these directives, which apply to the record right after them:
 * <ul>
 *   <li>{@code # tarn-only}: DuckDB has no equivalent; a statement runs on Tarn only, a query must list its
 *       expected rows after a {@code ----} line (values separated by {@code |}, {@code NULL} for SQL NULL);</li>
 *   <li>{@code # duckdb-only}: a statement (never a query) that only DuckDB runs, the counterpart of a
 *       {@code # tarn-only} statement (e.g. {@code CREATE TABLE} without Iceberg's {@code PARTITIONED BY});</li>
 *   <li>{@code # tarn-expected: <SQL standard rule>}: Tarn deliberately differs from DuckDB; the query lists its
 *       expected rows after {@code ----} and the comment cites the rule. Use sparingly.</li>
 * </ul>
 * Values are compared typed: exact numbers by numeric value, REAL/DOUBLE within a relative 1e-9, strings exactly,
 * dates and times as {@code java.time} values, NULL equal to NULL.
 *
 * <h2>TPC-H</h2>
 * A file with {@code # requires: tpch} runs, on Tarn, in a session on a shared warehouse holding TPC-H SF 0.01 as
 * Iceberg tables {@code tpch.<table>}, and on DuckDB over views {@code tpch.<table>} reading the same rows from
 * Parquet. The data is generated once per JVM. Such files must not change the shared warehouse.
 *
 * <h2>Running</h2>
 * {@code mvn -o -pl tests test -Dtest=SltRunnerTest} runs all files; {@code -Dslt.filter=joins/} runs the files whose
 * path contains the text; {@code -Dslt.duckdbOnly=true} runs DuckDB alone to validate new SQL (statements must
 * succeed, queries must run, and DuckDB's rows are printed).
 */
class SltRunnerTest {
    private static final boolean DUCKDB_ONLY = Boolean.getBoolean("slt.duckdbOnly");
    private static final String FILTER = System.getProperty("slt.filter", "");
    private static final Set<String> AREAS = Set.of("joins", "subqueries", "aggregates", "grouping", "window", "setops",
            "orderby_limit", "expressions_numeric", "expressions_string", "expressions_datetime", "casts", "nulls",
            "cte", "values", "types", "ddl_dml");
    private static final int MINIMUM_QUERIES = 320;

    @TestFactory
    Stream<DynamicContainer> differentialSqlTests() {
        return loadFiles().stream().filter(file -> file.path().contains(FILTER)).map(SltRunnerTest::container);
    }

    /** Checks the corpus itself: every file parses, every area has files, and the query count stays above the floor. */
    @Test
    void filesCoverEveryAreaWithEnoughQueries() {
        List<SltFile> files = loadFiles();
        Map<String, Long> queriesPerArea = files.stream().collect(Collectors.groupingBy(
                file -> file.path().substring(0, file.path().indexOf('/')), TreeMap::new,
                Collectors.summingLong(SltFile::queryCount)));
        System.out.println("slt queries per area: " + queriesPerArea);
        assertEquals(AREAS, queriesPerArea.keySet());
        long total = queriesPerArea.values().stream().mapToLong(Long::longValue).sum();
        assertTrue(total >= MINIMUM_QUERIES, "only " + total + " queries");
        for (SltFile file : files) {
            assertEquals(file.path(), file.name(), "the '# name:' header must be the file's path");
        }
    }

    private static DynamicContainer container(SltFile file) {
        SltSession session = new SltSession(file, DUCKDB_ONLY);
        Stream<DynamicTest> tests = file.records().stream().map(record ->
                DynamicTest.dynamicTest(file.path() + ":" + record.line(), () -> runAt(file, record, session)));
        return DynamicContainer.dynamicContainer(file.path(), tests.onClose(() -> closeQuietly(session)));
    }

    /** Runs one record; a failure names the file and line, which report tools may not show for dynamic tests. */
    private static void runAt(SltFile file, SltRecord record, SltSession session) throws Exception {
        try {
            session.run(record);
        } catch (AssertionError e) {
            throw new AssertionError(file.path() + ":" + record.line() + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(SltSession session) {
        try {
            session.close();
        } catch (Exception e) {
            System.err.println("closing an slt session failed: " + e);
        }
    }

    private static List<SltFile> loadFiles() {
        Path root = sltRoot();
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(path -> path.toString().endsWith(".slt")).sorted().map(path -> {
                String relative = root.relativize(path).toString().replace('\\', '/');
                try {
                    return SltParser.parse(relative, Files.readString(path, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path sltRoot() {
        try {
            return Path.of(Objects.requireNonNull(SltRunnerTest.class.getResource("/slt"), "no slt resources").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
