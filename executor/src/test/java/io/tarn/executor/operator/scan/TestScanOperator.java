package io.tarn.executor.operator.scan;

import io.tarn.catalog.parquet.ParquetTable;
import io.tarn.catalog.spi.ScanPlan;
import io.tarn.catalog.spi.ScanRequest;
import io.tarn.catalog.spi.TableAppend;
import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.Column;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.executor.ExecutionContext;
import io.tarn.executor.expression.Call;
import io.tarn.executor.expression.Expression;
import io.tarn.executor.expression.Function;
import io.tarn.executor.expression.InputReference;
import io.tarn.executor.expression.Literal;
import io.tarn.executor.vector.BatchFixtures;
import io.tarn.executor.vector.OperatorResults;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class TestScanOperator {
    private static final RowSchema SCHEMA = new RowSchema(List.of(
            new Column("id", DataType.BIGINT), new Column("name", DataType.VARCHAR), new Column("score", DataType.DOUBLE)));

    private final BufferAllocator allocator = new RootAllocator();
    private final ExecutionContext context = new ExecutionContext(allocator, 1, 64, ZoneOffset.UTC);

    @TempDir
    Path directory;

    @AfterEach
    void checkLeaks() {
        assertEquals(0, allocator.getAllocatedMemory());
        allocator.close();
    }

    private static List<List<Object>> rows(long from, long to) {
        List<List<Object>> rows = new ArrayList<>();
        for (long i = from; i < to; i++) {
            rows.add(Arrays.asList(i, i % 6 == 0 ? null : "n" + i, i % 4 == 0 ? null : i / 3.0));
        }
        return rows;
    }

    /** A Parquet table holding {@code files} appends (so several scan tasks). */
    private ParquetTable table(List<List<List<Object>>> files) {
        ParquetTable table = ParquetTable.catalogTable("scan_test", directory.toString(), SCHEMA, true);
        for (List<List<Object>> rows : files) {
            try (TableAppend append = table.newAppend(); Batch batch = BatchFixtures.batch(SCHEMA, rows, allocator)) {
                append.write(batch);
                append.commit();
            }
        }
        return table;
    }

    @Test
    void readsProjectedColumnsOfEveryTaskAndAppliesTheFilter() {
        List<List<List<Object>>> files = List.of(rows(0, 150), rows(150, 200), rows(200, 420));
        ParquetTable table = table(files);
        ScanRequest request = new ScanRequest(new int[] {2, 0}, List.of(), context.batchSize());
        ScanPlan plan = table.planScan(request);
        Expression filter = new Call(Function.LESS_THAN,
                List.of(new InputReference(1, DataType.BIGINT), new Literal(300L, DataType.BIGINT)), DataType.BOOLEAN);
        List<List<Object>> expected = files.stream().flatMap(List::stream)
                .filter(r -> (Long) r.get(0) < 300).map(r -> Arrays.asList(r.get(2), r.get(0))).toList();

        // two instances share the tasks: the first holds one while the second reads all others
        ScanTaskQueue tasks = new ScanTaskQueue(plan.tasks());
        ScanOperator first = new ScanOperator(table, request, tasks, Optional.of(filter), context);
        ScanOperator second = new ScanOperator(table, request, tasks, Optional.of(filter), context);
        List<List<Object>> actual = new ArrayList<>();
        try (Batch batch = first.next()) {
            actual.addAll(BatchFixtures.rows(batch));
        }
        List<List<Object>> secondRows = OperatorResults.drain(second);
        assertFalse(secondRows.isEmpty());
        actual.addAll(secondRows);
        actual.addAll(OperatorResults.drain(first));
        actual.sort((a, b) -> Long.compare((Long) a.get(1), (Long) b.get(1)));
        assertEquals(expected, actual);
    }

    @Test
    void noTasksAndClosingMidway() {
        ParquetTable table = table(List.of(rows(0, 300)));
        ScanRequest request = new ScanRequest(new int[] {0, 1}, List.of(), context.batchSize());
        assertEquals(List.of(), OperatorResults.drain(new ScanOperator(table, request, new ScanTaskQueue(List.of()),
                Optional.empty(), context)));
        ScanOperator scan = new ScanOperator(table, request, new ScanTaskQueue(table.planScan(request).tasks()),
                Optional.empty(), context);
        try (scan; Batch first = scan.next()) {
            assertEquals(BatchFixtures.rows(first), rows(0, first.rowCount()).stream().map(r -> r.subList(0, 2)).toList());
        }
    }
}
