package io.tarn.executor.operator.window;

import io.tarn.executor.ExecutionContext;
import io.tarn.executor.ExecutionException;
import io.tarn.executor.plan.PhysicalValues;
import io.tarn.executor.plan.PhysicalWindow;
import io.tarn.executor.plan.WindowGroup;
import io.tarn.executor.runtime.TestRows;
import io.tarn.executor.spill.SpillSpace;
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

import static io.tarn.executor.operator.window.TestWindowOperator.GROUPS;
import static io.tarn.executor.operator.window.TestWindowOperator.INPUT;
import static io.tarn.executor.operator.window.TestWindowOperator.normalized;
import static io.tarn.executor.operator.window.TestWindowOperator.schema;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestWindowSpilling {
    private static final long UNLIMITED = 1L << 40;
    /** The groups of {@link TestWindowOperator#GROUPS} that partition by column 0. */
    private static final List<WindowGroup> PARTITIONED = List.of(GROUPS.get(0), GROUPS.get(1), GROUPS.get(3));

    private final RootAllocator allocator = new RootAllocator();
    @TempDir
    Path spillRoot;

    @AfterEach
    void checkNoLeaksAndNoFiles() throws IOException {
        assertEquals(0, allocator.getAllocatedMemory(), "leaked Arrow memory");
        allocator.close();
        try (Stream<Path> left = Files.list(spillRoot)) {
            assertEquals(List.of(), left.toList(), "spill directories left behind");
        }
    }

    /** Column 0 (the partition key) from {@code partitions} values, sometimes NULL; the rest as in TestWindowOperator. */
    private static List<List<Object>> rows(Random random, int count, int partitions) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(Arrays.asList(TestRows.randomLong(random, partitions, 0.02), TestRows.randomLong(random, 6, 0.1),
                    TestRows.randomLong(random, 100, 0.1), TestRows.randomString(random, 20, 0.1),
                    random.nextDouble() < 0.1 ? null : random.nextInt(100) / 4.0, 3L, 2L));
        }
        return rows;
    }

    private List<List<Object>> run(List<WindowGroup> groups, List<List<Object>> rows, BufferAllocator memory, SpillSpace spill) {
        PhysicalWindow plan = new PhysicalWindow(new PhysicalValues(List.of(), INPUT), groups, schema(groups));
        ExecutionContext context = new ExecutionContext(memory, 1, 1024, ZoneOffset.UTC, spill);
        try (spill) {
            return TestRows.drain(new WindowOperator(plan, TestRows.source(INPUT, rows, allocator, 1000, 300), context));
        }
    }

    /** Runs without and with a tiny budget; returns how often the second run spilled. */
    private long assertSpilledRunMatches(List<WindowGroup> groups, List<List<Object>> rows) {
        List<List<Object>> expected = run(groups, rows, allocator, new SpillSpace(spillRoot, UNLIMITED));
        SpillSpace tiny = new SpillSpace(spillRoot, SpillSpace.MIN_OPERATOR_BUDGET);
        assertEquals(normalized(expected), normalized(run(groups, rows, allocator, tiny)));
        return tiny.spillCount();
    }

    @Test
    void manyWindowPartitionsSpillAndMatchTheInMemoryResult() {
        List<List<Object>> rows = rows(new Random(1), 30_000, 2000);
        assertTrue(assertSpilledRunMatches(PARTITIONED, rows) > 0);
    }

    @Test
    void groupsWithDifferentPartitionKeysSpillByTheSharedOnes() {
        WindowGroup byTwoKeys = new WindowGroup(new int[] {1, 0}, GROUPS.get(3).orderKeys(), GROUPS.get(3).frame(), GROUPS.get(3).functions());
        List<List<Object>> rows = rows(new Random(2), 30_000, 2000);
        assertTrue(assertSpilledRunMatches(List.of(GROUPS.get(0), byTwoKeys), rows) > 0);
    }

    @Test
    void withoutSharedPartitionKeysTheInputStaysInMemory() {
        List<List<Object>> rows = rows(new Random(3), 10_000, 2000);
        assertEquals(0, assertSpilledRunMatches(GROUPS, rows));
    }

    @Test
    void oneWindowPartitionLargerThanTheMemoryLimitFailsClearly() {
        List<List<Object>> rows = rows(new Random(4), 40_000, 1);
        try (BufferAllocator limited = allocator.newChildAllocator("query", 0, 1 << 20)) {
            SpillSpace spill = new SpillSpace(spillRoot, 1 << 20);
            ExecutionException error = assertThrows(ExecutionException.class, () -> run(PARTITIONED, rows, limited, spill));
            assertEquals("53200", error.sqlState());
            assertTrue(error.getMessage().contains("window partition"), error.getMessage());
            assertTrue(spill.spillCount() > 1, "split at every level before giving up: " + spill.spillCount());
            assertEquals(0, limited.getAllocatedMemory());
        }
    }
}
