package io.tarn.executor.operator.sort;

import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.executor.ExecutionContext;
import io.tarn.executor.plan.SortKey;
import io.tarn.executor.spill.SpillSpace;
import io.tarn.executor.vector.BatchFixtures;
import io.tarn.executor.vector.FixtureOperator;
import io.tarn.executor.vector.OperatorResults;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestSortSpilling {
    private static final RowSchema SCHEMA = BatchFixtures.schema(DataType.INTEGER, DataType.VARCHAR, DataType.DOUBLE, DataType.BIGINT);

    private final BufferAllocator allocator = new RootAllocator();
    @TempDir
    Path spillRoot;

    @AfterEach
    void checkLeaks() {
        assertEquals(0, allocator.getAllocatedMemory());
        allocator.close();
    }

    /** Rows with duplicate keys, NULLs and long strings; column 3 numbers the rows, so stability shows. */
    private static List<List<Object>> rows(int count, long seed) {
        Random random = new Random(seed);
        List<List<Object>> rows = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            rows.add(Arrays.asList(
                    random.nextInt(10) == 0 ? null : random.nextInt(500) - 250,
                    random.nextInt(8) == 0 ? null : "key-" + random.nextInt(2000) + "-" + "x".repeat(random.nextInt(60)),
                    random.nextInt(9) == 0 ? null : random.nextInt(70) / 4.0,
                    i));
        }
        return rows;
    }

    private List<List<Object>> sort(List<List<Object>> rows, List<SortKey> keys, long offset, long limit, SpillSpace spill) {
        ExecutionContext context = new ExecutionContext(allocator, 1, 1000, ZoneOffset.UTC, spill);
        FixtureOperator input = new FixtureOperator(SCHEMA, OperatorResults.chunks(rows, 700), allocator);
        return OperatorResults.drain(new SortOperator(input, keys, offset, limit, context));
    }

    private static long filesIn(Path directory) throws IOException {
        if (directory == null) {
            return 0;
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.count();
        }
    }

    @Test
    void spilledSortMatchesTheInMemorySort() throws IOException {
        List<List<Object>> rows = rows(40_000, 3);
        List<List<SortKey>> keyLists = List.of(
                List.of(new SortKey(1, false, false), new SortKey(0, true, true)),
                List.of(new SortKey(2, true, false)),
                List.of(new SortKey(0, false, true)));
        for (List<SortKey> keys : keyLists) {
            List<List<Object>> expected = sort(rows, keys, 0, -1, new SpillSpace(spillRoot, 1L << 40));
            SpillSpace spill = new SpillSpace(spillRoot, SpillSpace.MIN_OPERATOR_BUDGET);
            List<List<Object>> spilled = sort(rows, keys, 0, -1, spill);
            assertTrue(spill.spillCount() > 1, "runs written: " + spill.spillCount());
            assertEquals(expected, spilled, keys.toString());
            assertEquals(0, filesIn(spill.directoryIfCreated()), "the operator deletes its spill files when closed");
            spill.close();
            assertEquals(null, spill.directoryIfCreated());
        }
        try (Stream<Path> left = Files.list(spillRoot)) {
            assertEquals(0, left.count(), "no spill directory is left behind");
        }
    }

    @Test
    void moreRunsThanOneMergeCanOpenAreMergedInPasses() {
        List<List<Object>> rows = rows(110_000, 4);
        List<SortKey> keys = List.of(new SortKey(0, false, false));
        List<List<Object>> expected = sort(rows, keys, 0, -1, new SpillSpace(spillRoot, 1L << 40));
        try (SpillSpace spill = new SpillSpace(spillRoot, SpillSpace.MIN_OPERATOR_BUDGET)) {
            assertEquals(expected, sort(rows, keys, 0, -1, spill));
            assertTrue(spill.spillCount() > SortedRuns.MAX_MERGE_WIDTH, "runs written: " + spill.spillCount());
        }
    }

    @Test
    void offsetAndLimitApplyToTheMergedRuns() {
        List<List<Object>> rows = rows(30_000, 8);
        List<SortKey> keys = List.of(new SortKey(0, false, false), new SortKey(1, true, true));
        long[][] cases = {{0, 25_000}, {7_000, 15_000}, {29_990, 100}, {100, -1}};
        for (long[] c : cases) {
            List<List<Object>> expected = sort(rows, keys, c[0], c[1], new SpillSpace(spillRoot, 1L << 40));
            try (SpillSpace spill = new SpillSpace(spillRoot, SpillSpace.MIN_OPERATOR_BUDGET)) {
                assertEquals(expected, sort(rows, keys, c[0], c[1], spill), Arrays.toString(c));
                assertTrue(spill.spillCount() > 0, Arrays.toString(c));
            }
        }
    }

    @Test
    void smallTopNNeverSpills() {
        List<List<Object>> rows = rows(30_000, 9);
        List<SortKey> keys = List.of(new SortKey(1, false, true));
        try (SpillSpace spill = new SpillSpace(spillRoot, SpillSpace.MIN_OPERATOR_BUDGET)) {
            assertEquals(sort(rows, keys, 5, 20, new SpillSpace(spillRoot, 1L << 40)), sort(rows, keys, 5, 20, spill));
            assertEquals(0, spill.spillCount());
        }
    }
}
