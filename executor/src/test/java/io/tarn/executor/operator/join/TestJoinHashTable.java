package io.tarn.executor.operator.join;

import io.tarn.catalog.type.ArrowTypes;
import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.executor.runtime.TestRows;
import io.tarn.executor.vector.BatchFixtures;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestJoinHashTable {
    private static final RowSchema BUILD = TestRows.schema(DataType.BIGINT, DataType.VARCHAR, DataType.BIGINT);

    private final RootAllocator allocator = new RootAllocator();

    @AfterEach
    void checkNoLeaks() {
        assertEquals(0, allocator.getAllocatedMemory(), "leaked Arrow memory");
        allocator.close();
    }

    /**
     * Build batches merged into one, or into several under a small byte limit for merged VARCHAR columns: output rows
     * gathered by build row id (in runs, repeated, -1 for NULLs) are the rows added under those ids.
     */
    @Test
    void mergedBuildBatchesKeepRowIds() {
        for (long limit : new long[] {Integer.MAX_VALUE, 0, 60}) {
            for (int seed = 0; seed < 8; seed++) {
                Random random = new Random(seed);
                List<List<Object>> rows = new ArrayList<>();
                List<Batch> batches = new ArrayList<>();
                for (int b = 0; b < 1 + random.nextInt(6); b++) {
                    List<List<Object>> batchRows = new ArrayList<>();
                    for (int r = random.nextInt(3) == 0 ? 0 : random.nextInt(30); r > 0; r--) {
                        batchRows.add(Arrays.asList(random.nextInt(5) == 0 ? null : random.nextLong(),
                                random.nextInt(5) == 0 ? null : "v".repeat(random.nextInt(12)), (long) rows.size()));
                        rows.add(batchRows.get(batchRows.size() - 1));
                    }
                    batches.add(BatchFixtures.batch(BUILD, batchRows, allocator));
                }
                try (JoinHashTable table = new JoinHashTable(new int[] {0}, new boolean[1], false, allocator, limit)) {
                    batches.forEach(table::add);
                    table.finishBuild();
                    assertEquals(rows.size(), table.rowCount());
                    if (limit == Integer.MAX_VALUE) {
                        assertTrue(table.batches().size() <= 1, "one merged batch");
                    }
                    assertGathered(table, rows, random);
                }
            }
        }
    }

    private void assertGathered(JoinHashTable table, List<List<Object>> rows, Random random) {
        JoinPairs pairs = new JoinPairs();
        List<List<Object>> expected = new ArrayList<>();
        int row = 0;
        for (int i = 0; i < 80; i++) {
            boolean none = rows.isEmpty() || random.nextInt(6) == 0;
            row = none ? -1 : random.nextInt(3) == 0 ? random.nextInt(rows.size()) : (Math.max(row, 0) + 1) % rows.size();
            pairs.add(-1, row);
            expected.add(row < 0 ? Arrays.asList(null, null, null) : rows.get(row));
        }
        JoinRowsWriter writer = new JoinRowsWriter(List.of(), ArrowTypes.schema(BUILD).getFields(), allocator);
        int from = random.nextInt(10);
        try (Batch output = writer.write(null, pairs, from, pairs.size() - from, table)) {
            assertEquals(expected.subList(from, pairs.size()), BatchFixtures.rows(output));
        }
    }
}
