package io.tarn.executor.runtime;

import io.tarn.catalog.parquet.ParquetBatchWriter;
import io.tarn.catalog.parquet.ParquetTable;
import io.tarn.catalog.spi.BatchReader;
import io.tarn.catalog.spi.ScanPlan;
import io.tarn.catalog.spi.RowFilter;
import io.tarn.catalog.spi.ScanRequest;
import io.tarn.catalog.spi.ScanTask;
import io.tarn.catalog.spi.Table;
import io.tarn.catalog.spi.TableFormat;
import io.tarn.catalog.spi.TableStatistics;
import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.Column;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.executor.ExecutionContext;
import io.tarn.executor.plan.JoinType;
import io.tarn.executor.plan.PhysicalHashJoin;
import io.tarn.executor.plan.PhysicalNode;
import io.tarn.executor.plan.PhysicalScan;
import io.tarn.executor.plan.PhysicalValues;
import io.tarn.executor.vector.BatchFixtures;
import io.tarn.executor.vector.OperatorResults;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runtime join filters: a hash join's build keys reach the scan of its probe side, which skips the row groups outside
 * their range and drops the rows whose key the build side lacks (but for the Bloom filter's few false positives);
 * joins that output unmatched probe rows leave the scan alone.
 */
class TestRuntimeJoinFilter {
    private static final RowSchema FACTS = new RowSchema(List.of(new Column("k", DataType.BIGINT), new Column("d", DataType.DATE)));
    private static final RowSchema KEYS = new RowSchema(List.of(new Column("key", DataType.BIGINT)));
    private static final int ROWS = 1000;
    private static final int ROW_GROUP_ROWS = 100;

    private final BufferAllocator allocator = new RootAllocator();
    @TempDir
    Path directory;

    @AfterEach
    void checkLeaks() {
        assertEquals(0, allocator.getAllocatedMemory());
        allocator.close();
    }

    /** Facts with keys 0..999 in order, so each row group of 100 holds one range of keys; written on first use. */
    private CountingTable facts() {
        if (Files.exists(directory.resolve("facts.parquet"))) {
            return new CountingTable(ParquetTable.catalogTable("facts", directory.toString(), FACTS, false));
        }
        List<List<Object>> rows = LongStream.range(0, ROWS).mapToObj(k -> Arrays.<Object>asList(k, (int) (k / 10))).toList();
        try (ParquetBatchWriter writer = ParquetBatchWriter.open(directory.resolve("facts.parquet"), FACTS,
                new ParquetBatchWriter.Options(1 << 20, ROW_GROUP_ROWS));
             Batch batch = BatchFixtures.batch(FACTS, rows, allocator)) {
            writer.write(batch);
        }
        return new CountingTable(ParquetTable.catalogTable("facts", directory.toString(), FACTS, false));
    }

    private List<List<Object>> join(CountingTable facts, JoinType type, List<Long> buildKeys) {
        return join(facts, type, 0, KEYS, buildKeys.stream().map(k -> (Object) k).toList());
    }

    private List<List<Object>> join(CountingTable facts, JoinType type, int probeKey, RowSchema keySchema, List<Object> buildKeys) {
        ExecutionContext context = new ExecutionContext(allocator, 1, 64, ZoneOffset.UTC); // one per query
        ScanRequest request = new ScanRequest(new int[] {0, 1}, List.of(), context.batchSize());
        PhysicalNode probe = new PhysicalScan(facts, request, facts.planScan(request), Optional.empty(), FACTS);
        PhysicalNode build = new PhysicalValues(buildKeys.stream().map(List::of).toList(), keySchema);
        List<Column> output = new ArrayList<>(type.outputsLeft() ? FACTS.columns() : List.of());
        if (type.outputsRight()) {
            output.addAll(keySchema.columns());
        }
        PhysicalHashJoin join = new PhysicalHashJoin(probe, build, type, new int[] {probeKey}, new int[] {0}, new boolean[] {false},
                Optional.empty(), new RowSchema(output));
        return OperatorResults.drain(QueryScheduler.schedule(join, context));
    }

    @Test
    void innerJoinReadsOnlyTheRowGroupsInTheBuildKeysRange() {
        CountingTable facts = facts();
        List<List<Object>> rows = join(facts, JoinType.INNER, List.of(150L, 160L, 245L));
        assertEquals(List.of(List.of(150L, 15, 150L), List.of(160L, 16, 160L), List.of(245L, 24, 245L)),
                rows.stream().sorted((a, b) -> Long.compare((Long) a.get(0), (Long) b.get(0))).toList());
        assertTrue(facts.rowsRead.get() >= 3 && facts.rowsRead.get() <= 2 * ROW_GROUP_ROWS,
                "at most row groups 100-199 and 200-299: " + facts.rowsRead.get());
    }

    /** Keys spread over the whole table prune no row group; the Bloom filter still drops nearly every other row. */
    @Test
    void rowsWhoseKeyTheBuildSideLacksAreDroppedAtTheScan() {
        CountingTable facts = facts();
        List<List<Object>> rows = join(facts, JoinType.INNER, List.of(0L, 501L, 999L));
        assertEquals(List.of(0L, 501L, 999L), rows.stream().map(row -> (Long) row.get(0)).sorted().toList());
        assertTrue(facts.rowsRead.get() >= 3 && facts.rowsRead.get() < 60, "rows returned by the scan: " + facts.rowsRead.get());
    }

    @Test
    void dateKeysPruneToo() {
        CountingTable facts = facts();
        RowSchema days = new RowSchema(List.of(new Column("day", DataType.DATE)));
        assertEquals(20, join(facts, JoinType.SEMI, 1, days, List.of(15, 16)).size());
        assertTrue(facts.rowsRead.get() >= 20 && facts.rowsRead.get() <= ROW_GROUP_ROWS,
                "days 15 and 16 are in rows 150-169: " + facts.rowsRead.get());
    }

    @Test
    void joinsThatKeepUnmatchedProbeRowsReadEverything() {
        CountingTable facts = facts();
        assertEquals(ROWS, join(facts, JoinType.LEFT, List.of(150L)).size());
        assertEquals(ROWS, facts.rowsRead.get());
        CountingTable again = facts();
        assertEquals(ROWS - 1, join(again, JoinType.ANTI, List.of(150L)).size());
        assertEquals(ROWS, again.rowsRead.get());
    }

    /** A table counting the rows its readers return. */
    private static final class CountingTable implements Table {
        private final Table table;
        private final AtomicLong rowsRead = new AtomicLong();

        CountingTable(Table table) {
            this.table = table;
        }

        @Override
        public String name() {
            return table.name();
        }

        @Override
        public TableFormat format() {
            return table.format();
        }

        @Override
        public RowSchema schema() {
            return table.schema();
        }

        @Override
        public List<String> partitionColumns() {
            return table.partitionColumns();
        }

        @Override
        public TableStatistics statistics() {
            return table.statistics();
        }

        @Override
        public ScanPlan planScan(ScanRequest request) {
            return table.planScan(request);
        }

        @Override
        public BatchReader openReader(ScanTask task, ScanRequest request, Optional<RowFilter> filter,
                                      BufferAllocator allocator) {
            BatchReader reader = table.openReader(task, request, filter, allocator);
            return new BatchReader() {
                @Override
                public Batch next() {
                    Batch batch = reader.next();
                    if (batch != null) {
                        rowsRead.addAndGet(batch.rowCount());
                    }
                    return batch;
                }

                @Override
                public void close() {
                    reader.close();
                }
            };
        }
    }
}
