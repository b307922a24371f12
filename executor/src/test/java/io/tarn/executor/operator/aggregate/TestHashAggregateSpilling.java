package io.tarn.executor.operator.aggregate;

import io.tarn.catalog.type.RowSchema;
import io.tarn.executor.ExecutionContext;
import io.tarn.executor.expression.AggregateCall;
import io.tarn.executor.expression.AggregateFunction;
import io.tarn.executor.plan.AggregateStep;
import io.tarn.executor.plan.PhysicalHashAggregate;
import io.tarn.executor.plan.PhysicalValues;
import io.tarn.executor.runtime.TestRows;
import io.tarn.executor.spill.SpillSpace;
import io.tarn.catalog.type.DataType;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static io.tarn.executor.operator.aggregate.TestHashAggregateOperator.CALLS;
import static io.tarn.executor.operator.aggregate.TestHashAggregateOperator.DISTINCT_CALLS;
import static io.tarn.executor.operator.aggregate.TestHashAggregateOperator.INPUT;
import static io.tarn.executor.operator.aggregate.TestHashAggregateOperator.call;
import static io.tarn.executor.operator.aggregate.TestHashAggregateOperator.normalized;
import static io.tarn.executor.operator.aggregate.TestHashAggregateOperator.outputSchema;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestHashAggregateSpilling {
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

    /** Many groups: k1 from 8000 values, k2 from 3, both sometimes NULL. */
    private static List<List<Object>> manyGroups(int count, long seed) {
        Random random = new Random(seed);
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(Arrays.asList(
                    TestRows.randomLong(random, 8_000, 0.02),
                    TestRows.randomString(random, 3, 0.1),
                    random.nextDouble() < 0.15 ? null : (long) (random.nextInt(2000) - 1000),
                    random.nextDouble() < 0.15 ? null : BigDecimal.valueOf(random.nextInt(100000) - 50000, 2),
                    random.nextDouble() < 0.15 ? null : random.nextInt(1000) / 8.0,
                    random.nextDouble() < 0.15 ? null : "str" + random.nextInt(50),
                    random.nextDouble() < 0.15 ? null : random.nextBoolean(),
                    random.nextDouble() < 0.15 ? null : random.nextBoolean()));
        }
        return rows;
    }

    private List<List<Object>> run(PhysicalHashAggregate plan, RowSchema input, List<List<Object>> rows, SpillSpace spill) {
        ExecutionContext context = new ExecutionContext(allocator, 1, 1024, ZoneOffset.UTC, spill);
        try (spill) {
            List<List<Object>> result = TestRows.drain(new HashAggregateOperator(plan, TestRows.source(input, rows, allocator, 1000, 333), context));
            assertEquals(null, spill.directoryIfCreated() == null ? null : filesIn(spill.directoryIfCreated()),
                    "the operator deletes its spill files when closed");
            return result;
        }
    }

    private static Object filesIn(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> left = files.toList();
            return left.isEmpty() ? null : left;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Runs {@code plan} without and with a tiny budget; checks the results match and whether it spilled. */
    private void assertSpilledRunMatches(PhysicalHashAggregate plan, RowSchema input, List<List<Object>> rows, boolean spills) {
        List<List<Object>> expected = run(plan, input, rows, new SpillSpace(spillRoot, UNLIMITED));
        SpillSpace tiny = new SpillSpace(spillRoot, SpillSpace.MIN_OPERATOR_BUDGET);
        List<List<Object>> actual = run(plan, input, rows, tiny);
        assertEquals(spills, tiny.spillCount() > 0, "spills: " + tiny.spillCount());
        assertEquals(normalized(expected), normalized(actual));
    }

    private static PhysicalHashAggregate plan(int[] keys, List<int[]> sets, List<AggregateCall> calls, AggregateStep step) {
        RowSchema output = step == AggregateStep.PARTIAL ? AggregateStates.partialSchema(INPUT, keys, calls) : outputSchema(keys, calls);
        return new PhysicalHashAggregate(new PhysicalValues(List.of(), INPUT), keys, sets, calls, step, output);
    }

    @Test
    void manyGroupsSpillAndRepartitionWithEveryAggregateFunction() {
        List<List<Object>> rows = manyGroups(24_000, 1);
        assertSpilledRunMatches(plan(new int[] {0, 1}, List.of(), CALLS, AggregateStep.SINGLE), INPUT, rows, true);
    }

    /** A PARTIAL step over its budget emits what it has and starts over instead of spilling; FINAL merges it all. */
    @Test
    void partialStepOverItsBudgetFlushesInsteadOfSpilling() {
        List<List<Object>> rows = manyGroups(24_000, 1);
        int[] keys = {0, 1};
        List<List<Object>> expected = run(plan(keys, List.of(), CALLS, AggregateStep.SINGLE), INPUT, rows,
                new SpillSpace(spillRoot, UNLIMITED));
        SpillSpace tiny = new SpillSpace(spillRoot, SpillSpace.MIN_OPERATOR_BUDGET);
        List<List<Object>> partials = run(plan(keys, List.of(), CALLS, AggregateStep.PARTIAL), INPUT, rows, tiny);
        assertEquals(0, tiny.spillCount());
        assertTrue(partials.size() > expected.size(), "flushed groups more than once: " + partials.size());
        RowSchema partialSchema = AggregateStates.partialSchema(INPUT, keys, CALLS);
        PhysicalHashAggregate finalPlan = new PhysicalHashAggregate(new PhysicalValues(List.of(), partialSchema),
                new int[] {0, 1}, List.of(), CALLS, AggregateStep.FINAL, outputSchema(keys, CALLS));
        ExecutionContext context = new ExecutionContext(allocator, 1, 1024, ZoneOffset.UTC);
        List<List<Object>> merged = TestRows.drain(new HashAggregateOperator(finalPlan,
                TestRows.source(partialSchema, partials, allocator, 1000, 333), context));
        assertEquals(normalized(expected), normalized(merged));
    }

    @Test
    void groupingSetsSpillEachSetOnItsOwn() {
        List<List<Object>> rows = manyGroups(30_000, 2);
        List<AggregateCall> calls = List.of(call(AggregateFunction.COUNT, DataType.BIGINT), call(AggregateFunction.SUM, DataType.BIGINT, 2),
                call(AggregateFunction.MIN, DataType.VARCHAR, 5),
                new AggregateCall(AggregateFunction.GROUPING, new int[] {0, 1}, false, -1, DataType.BIGINT, "g"));
        List<int[]> sets = List.of(new int[] {0, 1}, new int[] {0}, new int[] {1}, new int[] {});
        assertSpilledRunMatches(plan(new int[] {0, 1}, sets, calls, AggregateStep.SINGLE), INPUT, rows, true);
    }

    @Test
    void finalAggregationMergesSpilledStates() {
        List<List<Object>> rows = manyGroups(20_000, 3);
        int[] keys = {0, 1};
        RowSchema partialSchema = AggregateStates.partialSchema(INPUT, keys, CALLS);
        List<List<Object>> partials = new ArrayList<>();
        partials.addAll(run(plan(keys, List.of(), CALLS, AggregateStep.PARTIAL), INPUT, rows.subList(0, 10_000), new SpillSpace(spillRoot, UNLIMITED)));
        partials.addAll(run(plan(keys, List.of(), CALLS, AggregateStep.PARTIAL), INPUT, rows.subList(10_000, rows.size()), new SpillSpace(spillRoot, UNLIMITED)));
        PhysicalHashAggregate finalPlan = new PhysicalHashAggregate(new PhysicalValues(List.of(), partialSchema), new int[] {0, 1},
                List.of(), CALLS, AggregateStep.FINAL, outputSchema(keys, CALLS));
        assertSpilledRunMatches(finalPlan, partialSchema, partials, true);
        assertEquals(normalized(run(plan(keys, List.of(), CALLS, AggregateStep.SINGLE), INPUT, rows, new SpillSpace(spillRoot, UNLIMITED))),
                normalized(run(finalPlan, partialSchema, partials, new SpillSpace(spillRoot, SpillSpace.MIN_OPERATOR_BUDGET))));
    }

    @Test
    void distinctAggregatesSpillTheirPairsAndDeduplicateAcrossSpills() {
        List<List<Object>> rows = manyGroups(30_000, 4);
        assertSpilledRunMatches(plan(new int[] {0}, List.of(), DISTINCT_CALLS, AggregateStep.SINGLE), INPUT, rows, true);
        List<AggregateCall> mixed = new ArrayList<>(DISTINCT_CALLS);
        mixed.addAll(CALLS.subList(0, 6));
        assertSpilledRunMatches(plan(new int[] {1, 0}, List.of(new int[] {1, 0}, new int[] {1}), mixed, AggregateStep.SINGLE),
                INPUT, rows, true);
    }

    @Test
    void globalAggregatesStayInMemory() {
        assertSpilledRunMatches(plan(new int[] {}, List.of(), CALLS, AggregateStep.SINGLE), INPUT, manyGroups(20_000, 5), false);
    }
}
