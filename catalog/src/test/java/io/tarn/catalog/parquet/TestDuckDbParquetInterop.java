package io.tarn.catalog.parquet;

import io.tarn.catalog.Rows;
import io.tarn.catalog.spi.ScanRequest;
import io.tarn.catalog.spi.ScanTask;
import io.tarn.catalog.spi.Table;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.TypeKind;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reads Parquet files written by another engine (DuckDB): its encodings, dictionaries, unsigned and nanosecond types. */
class TestDuckDbParquetInterop {
    private static final int ROWS = 3000;
    private final RootAllocator allocator = new RootAllocator();
    @TempDir
    Path dir;

    @AfterEach
    void checkLeaks() {
        assertEquals(0, allocator.getAllocatedMemory(), "leaked Arrow memory");
        allocator.close();
    }

    /** Column name, DuckDB expression over i, expected Tarn type, expected canonical value of row i. */
    private record Case(String name, String sql, DataType type, java.util.function.LongFunction<Object> value) {
    }

    private static final List<Case> CASES = List.of(
            new Case("b", "i % 3 = 0", DataType.BOOLEAN, i -> i % 3 == 0),
            new Case("t", "(i % 100)::TINYINT", DataType.of(TypeKind.TINYINT), i -> i % 100),
            new Case("s", "(i * 3)::SMALLINT", DataType.of(TypeKind.SMALLINT), i -> i * 3),
            new Case("n", "(i * 1000)::INTEGER", DataType.INTEGER, i -> i * 1000),
            new Case("l", "i * 1000000007", DataType.BIGINT, i -> i * 1000000007L),
            new Case("ut", "(i % 250)::UTINYINT", DataType.of(TypeKind.SMALLINT), i -> i % 250),
            new Case("ui", "(4000000000 + i)::UINTEGER", DataType.BIGINT, i -> 4000000000L + i),
            new Case("ub", "(18000000000000000000::UBIGINT + i::UBIGINT)", DataType.decimal(20, 0),
                    i -> new BigDecimal("18000000000000000000").add(BigDecimal.valueOf(i))),
            new Case("d1", "((i % 9999) / 100)::DECIMAL(4,2)", DataType.decimal(4, 2), i -> BigDecimal.valueOf(i % 9999, 2)),
            new Case("d2", "(i * 1000003 / 1000)::DECIMAL(15,3)", DataType.decimal(15, 3), i -> BigDecimal.valueOf(i * 1000003, 3)),
            new Case("d3", "(i::DECIMAL(30,5) * 1234567890123.12345)::DECIMAL(30,5)", DataType.decimal(30, 5),
                    i -> new BigDecimal("1234567890123.12345").multiply(BigDecimal.valueOf(i)).setScale(5)),
            new Case("f", "(i / 4)::FLOAT", DataType.of(TypeKind.REAL), i -> (double) (float) (i / 4.0)),
            new Case("d", "i / 3", DataType.DOUBLE, i -> i / 3.0),
            new Case("v", "'v' || (i % 10)", DataType.VARCHAR, i -> "v" + (i % 10)),
            new Case("bl", "('b' || i)::BLOB", DataType.of(TypeKind.VARBINARY), i -> ("b" + i).getBytes(StandardCharsets.UTF_8)),
            new Case("dt", "DATE '1970-01-01' + (i - 500)::INTEGER", DataType.DATE, i -> (int) (i - 500)),
            new Case("tm", "TIME '00:00:00' + to_seconds(i)", DataType.of(TypeKind.TIME), i -> i * 1_000_000L),
            new Case("ts", "make_timestamp(i * 1000003)", DataType.TIMESTAMP, i -> i * 1000003L),
            new Case("tms", "make_timestamp(i * 1000000)::TIMESTAMP_MS", DataType.TIMESTAMP, i -> i * 1_000_000L),
            new Case("tns", "make_timestamp(i * 1000)::TIMESTAMP_NS", DataType.TIMESTAMP, i -> i * 1000L),
            new Case("st", "{'a': i, 'b': 'x' || i}", DataType.struct(List.of("a", "b"), List.of(DataType.BIGINT, DataType.VARCHAR)),
                    i -> Arrays.asList(i, "x" + i)),
            new Case("li", "CASE WHEN i % 4 = 0 THEN [] ELSE [i, NULL, i + 1] END", DataType.list(DataType.BIGINT),
                    i -> i % 4 == 0 ? List.of() : Arrays.asList(i, null, i + 1)),
            new Case("mp", "MAP {'k' || (i % 3): i}", DataType.map(DataType.VARCHAR, DataType.BIGINT),
                    i -> new LinkedHashMap<>(Map.of("k" + (i % 3), i))));

    private static boolean isNull(long i, int column) {
        return (i + column) % 13 == 0;
    }

    @Test
    void duckDbReadsWhatTarnWrites() throws Exception {
        Path file = dir.resolve("tarn.parquet");
        List<List<Object>> rows = TestParquetBatchReaderWriter.scalarRows(2000);
        try (ParquetBatchWriter writer = ParquetBatchWriter.open(file, TestParquetBatchReaderWriter.SCALARS,
                new ParquetBatchWriter.Options(1 << 20, 700));
             io.tarn.catalog.type.Batch batch = Rows.batch(allocator, TestParquetBatchReaderWriter.SCALARS, rows)) {
            writer.write(batch);
        }
        // column 4 = l BIGINT, 7 = d38 DECIMAL(38,10), 10 = s VARCHAR, 12 = dt DATE, 14 = ts TIMESTAMP
        long count = rows.stream().filter(r -> r.get(4) != null).count();
        long sum = rows.stream().filter(r -> r.get(4) != null).mapToLong(r -> (Long) r.get(4)).sum();
        BigDecimal decimals = rows.stream().map(r -> (BigDecimal) r.get(7)).filter(v -> v != null).reduce(BigDecimal.ZERO, BigDecimal::add);
        String maxString = rows.stream().map(r -> (String) r.get(10)).filter(v -> v != null).max(Comparator.naturalOrder()).orElseThrow();
        int minDate = rows.stream().map(r -> (Integer) r.get(12)).filter(v -> v != null).min(Comparator.naturalOrder()).orElseThrow();
        long maxTimestamp = rows.stream().map(r -> (Long) r.get(14)).filter(v -> v != null).max(Comparator.naturalOrder()).orElseThrow();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:", duckDbProperties());
             Statement statement = connection.createStatement();
             java.sql.ResultSet result = statement.executeQuery("SELECT count(l), sum(l), sum(d38), max(s), "
                     + "min(dt) - DATE '1970-01-01', epoch_us(max(ts)) FROM '" + file + "'")) {
            result.next();
            assertEquals(count, result.getLong(1));
            assertEquals(sum, result.getLong(2));
            assertEquals(0, decimals.compareTo(result.getBigDecimal(3)));
            assertEquals(maxString, result.getString(4));
            assertEquals(minDate, result.getInt(5));
            assertEquals(maxTimestamp, result.getLong(6));
        }
    }

    private static Properties duckDbProperties() {
        Properties properties = new Properties();
        properties.setProperty("autoinstall_known_extensions", "false");
        properties.setProperty("autoload_known_extensions", "false");
        return properties;
    }

    @Test
    void readsEveryTypeDuckDbWrites() throws Exception {
        Path file = dir.resolve("duck.parquet");
        StringBuilder select = new StringBuilder("SELECT i AS id");
        for (int c = 0; c < CASES.size(); c++) {
            select.append(", CASE WHEN (i + ").append(c).append(") % 13 = 0 THEN NULL ELSE ").append(CASES.get(c).sql())
                    .append(" END AS ").append(CASES.get(c).name());
        }
        select.append(" FROM range(").append(ROWS).append(") t(i)");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:", duckDbProperties());
             Statement statement = connection.createStatement()) {
            statement.execute("COPY (" + select + ") TO '" + file + "' (FORMAT parquet, ROW_GROUP_SIZE 1000)");
        }

        Table table = ParquetTable.open("duck", file.toString());
        for (int c = 0; c < CASES.size(); c++) {
            assertEquals(CASES.get(c).type(), table.schema().column(c + 1).type(), CASES.get(c).name());
        }
        ScanRequest request = new ScanRequest(IntStream.range(0, CASES.size() + 1).toArray(), List.of(), 777);
        List<List<Object>> rows = new ArrayList<>();
        for (ScanTask task : table.planScan(request).tasks()) {
            rows.addAll(Rows.readAll(table.openReader(task, request, allocator)));
        }
        rows.sort(Comparator.comparing(row -> (Long) row.get(0)));
        assertEquals(ROWS, rows.size());
        for (int i = 0; i < ROWS; i++) {
            for (int c = 0; c < CASES.size(); c++) {
                Object expected = isNull(i, c) ? null : Rows.comparable(CASES.get(c).value().apply(i));
                assertEquals(expected, rows.get(i).get(c + 1), "row " + i + " column " + CASES.get(c).name());
            }
        }
    }
}
