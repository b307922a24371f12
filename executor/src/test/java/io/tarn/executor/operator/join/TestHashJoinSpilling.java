package io.tarn.executor.operator.join;

import io.tarn.catalog.type.RowSchema;
import io.tarn.executor.ExecutionContext;
import io.tarn.executor.plan.JoinType;
import io.tarn.executor.plan.PhysicalHashJoin;
import io.tarn.executor.plan.PhysicalValues;
import io.tarn.executor.runtime.TestRows;
import io.tarn.executor.spill.PartitionedSpill;
import io.tarn.executor.spill.SpillSpace;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

import static io.tarn.executor.operator.join.TestHashJoinOperator.LEFT;
import static io.tarn.executor.operator.join.TestHashJoinOperator.LESS_THAN;
import static io.tarn.executor.operator.join.TestHashJoinOperator.RIGHT;
import static io.tarn.executor.runtime.TestRows.sorted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestHashJoinSpilling {
    private static final long UNLIMITED = 1L << 40;

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

    /** Keys (c0 from {@code domain} values, c1 from 3 strings), both sometimes NULL; c2 a small number for the residual. */
    private static List<List<Object>> rows(Random random, int count, int domain) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(Arrays.asList(TestRows.randomLong(random, domain, 0.05), TestRows.randomString(random, 3, 0.05),
                    TestRows.randomLong(random, 10, 0.1)));
        }
        return rows;
    }

    private List<List<Object>> join(JoinType type, List<List<Object>> left, List<List<Object>> right, boolean[] nullsEqual,
                                    boolean withResidual, SpillSpace spill) {
        RowSchema output = !type.outputsRight() ? LEFT : !type.outputsLeft() ? RIGHT : TestRows.concat(LEFT, RIGHT);
        PhysicalHashJoin plan = new PhysicalHashJoin(new PhysicalValues(List.of(), LEFT), new PhysicalValues(List.of(), RIGHT),
                type, new int[] {0, 1}, new int[] {0, 1}, nullsEqual, Optional.empty(), output);
        ExecutionContext context = new ExecutionContext(allocator, 1, 1024, ZoneOffset.UTC, spill);
        try (spill) {
            return TestRows.drain(new HashJoinOperator(plan, TestRows.source(LEFT, left, allocator, 1000, 77),
                    TestRows.source(RIGHT, right, allocator, 500, 1024), withResidual ? Optional.of(LESS_THAN) : Optional.empty(), context));
        }
    }

    /** Joins without and with a tiny budget; returns how often the spilled run spilled. */
    private long assertSpilledJoinMatches(JoinType type, List<List<Object>> left, List<List<Object>> right,
                                          boolean[] nullsEqual, boolean withResidual) {
        List<List<Object>> expected = join(type, left, right, nullsEqual, withResidual, new SpillSpace(spillRoot, UNLIMITED));
        SpillSpace tiny = new SpillSpace(spillRoot, SpillSpace.MIN_OPERATOR_BUDGET);
        List<List<Object>> actual = join(type, left, right, nullsEqual, withResidual, tiny);
        assertEquals(sorted(expected), sorted(actual), type + " residual=" + withResidual + " nullsEqual=" + Arrays.toString(nullsEqual));
        return tiny.spillCount();
    }

    @ParameterizedTest
    @EnumSource(JoinType.class)
    void everyJoinKindMatchesTheInMemoryJoin(JoinType type) {
        Random random = new Random(type.ordinal());
        List<List<Object>> left = rows(random, 8_000, 3000);
        List<List<Object>> right = rows(random, 10_000, 3000);
        assertTrue(assertSpilledJoinMatches(type, left, right, new boolean[2], false) > 0);
        assertTrue(assertSpilledJoinMatches(type, left, right, new boolean[] {true, false}, true) > 0);
        assertTrue(assertSpilledJoinMatches(type, left, right, new boolean[] {true, true}, false) > 0);
    }

    @ParameterizedTest
    @EnumSource(value = JoinType.class, names = {"INNER", "FULL", "ANTI", "RIGHT_ANTI"})
    void largeBuildSidesArePartitionedAgain(JoinType type) {
        Random random = new Random(42);
        List<List<Object>> left = rows(random, 10_000, 40_000);
        List<List<Object>> right = rows(random, 80_000, 40_000);
        long spills = assertSpilledJoinMatches(type, left, right, new boolean[2], false);
        assertTrue(spills > 1, "spills: " + spills);
    }

    @Test
    void oneHugeKeyCannotBeSplitAndIsJoinedInMemoryAtTheLastLevel() {
        Random random = new Random(5);
        List<List<Object>> right = new ArrayList<>();
        for (long i = 0; i < 20_000; i++) {
            right.add(Arrays.asList(1L, "s1", i));
        }
        List<List<Object>> left = rows(random, 300, 40);
        left.add(Arrays.asList(1L, "s1", 19_990L));
        left.add(Arrays.asList(1L, "s1", 5L));
        List<List<Object>> expected = join(JoinType.LEFT, left, right, new boolean[2], true, new SpillSpace(spillRoot, UNLIMITED));
        assertTrue(expected.size() > 20_000, "the huge key matches: " + expected.size());
        long spills = assertSpilledJoinMatches(JoinType.LEFT, left, right, new boolean[2], true);
        assertEquals(PartitionedSpill.MAX_LEVEL, spills, "split at every level, then joined in memory");
    }
}
