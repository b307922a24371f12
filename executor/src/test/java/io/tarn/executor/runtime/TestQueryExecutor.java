package io.tarn.executor.runtime;

import io.tarn.catalog.spi.TarnException;
import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.Column;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.executor.ExecutionContext;
import io.tarn.executor.QueryExecutor;
import io.tarn.executor.expression.AggregateCall;
import io.tarn.executor.expression.AggregateFunction;
import io.tarn.executor.operator.Operator;
import io.tarn.executor.operator.aggregate.AggregateStates;
import io.tarn.executor.plan.AggregateStep;
import io.tarn.executor.plan.JoinType;
import io.tarn.executor.plan.PhysicalExchange;
import io.tarn.executor.plan.PhysicalHashAggregate;
import io.tarn.executor.plan.PhysicalHashJoin;
import io.tarn.executor.plan.PhysicalNode;
import io.tarn.executor.plan.PhysicalUnion;
import io.tarn.executor.plan.PhysicalValues;
import io.tarn.executor.plan.PhysicalWindow;
import io.tarn.executor.plan.SortKey;
import io.tarn.executor.plan.WindowFrame;
import io.tarn.executor.plan.WindowFunction;
import io.tarn.executor.plan.WindowGroup;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static io.tarn.executor.runtime.TestRows.sorted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestQueryExecutor {
    private static final RowSchema INPUT = TestRows.schema(DataType.BIGINT, DataType.VARCHAR, DataType.BIGINT);
    private static final List<AggregateCall> CALLS = List.of(
            new AggregateCall(AggregateFunction.COUNT, new int[] {}, false, -1, DataType.BIGINT, "n"),
            new AggregateCall(AggregateFunction.SUM, new int[] {2}, false, -1, DataType.BIGINT, "total"),
            new AggregateCall(AggregateFunction.MAX, new int[] {1}, false, -1, DataType.VARCHAR, "top"));
    private static final RowSchema AGGREGATED = new RowSchema(List.of(INPUT.column(0),
            new Column("n", DataType.BIGINT), new Column("total", DataType.BIGINT), new Column("top", DataType.VARCHAR)));

    private final RootAllocator root = new RootAllocator();
    private final BufferAllocator allocator = root.newChildAllocator("query", 0, Long.MAX_VALUE);

    @AfterEach
    void checkNoLeaks() {
        assertEquals(0, allocator.getAllocatedMemory(), "leaked Arrow memory");
        allocator.close();
        root.close();
    }

    @Test
    void hashRepartitionedAggregateEqualsSingleThreaded() {
        List<List<Object>> rows = randomRows(new Random(1), 500);
        PhysicalNode values = unionOfValues(rows, 3);
        PhysicalNode single = aggregate(values, AggregateStep.SINGLE);
        PhysicalNode parallel = gather(aggregate(hash(values, 0), AggregateStep.SINGLE));
        List<List<Object>> expected = run(single, 1);
        assertTrue(expected.size() > 3);
        for (int parallelism = 2; parallelism <= 3; parallelism++) {
            assertEquals(sorted(expected), sorted(run(parallel, parallelism)), "parallelism " + parallelism);
        }
    }

    @Test
    void partialAndFinalAggregationAcrossAHashExchange() {
        List<List<Object>> rows = randomRows(new Random(2), 400);
        PhysicalNode values = unionOfValues(rows, 4);
        RowSchema partialSchema = AggregateStates.partialSchema(INPUT, new int[] {0}, CALLS);
        PhysicalNode partial = new PhysicalHashAggregate(values, new int[] {0}, List.of(), CALLS, AggregateStep.PARTIAL, partialSchema);
        PhysicalNode merged = new PhysicalHashAggregate(hash(partial, 0), new int[] {0}, List.of(), CALLS, AggregateStep.FINAL, AGGREGATED);
        assertEquals(sorted(run(aggregate(values, AggregateStep.SINGLE), 1)), sorted(run(gather(merged), 3)));
    }

    @Test
    void broadcastAndHashJoinsEqualSingleThreaded() {
        Random random = new Random(3);
        PhysicalNode left = unionOfValues(randomRows(random, 200), 2);
        PhysicalNode right = unionOfValues(randomRows(random, 50), 2);
        RowSchema joined = TestRows.concat(INPUT, INPUT);
        PhysicalNode single = join(left, right, JoinType.LEFT, joined);
        List<List<Object>> expected = run(single, 1);
        PhysicalNode hashed = gather(join(hash(left, 0), hash(right, 0), JoinType.LEFT, joined));
        assertEquals(sorted(expected), sorted(run(hashed, 3)));
        PhysicalNode broadcast = gather(join(hash(left, 1), new PhysicalExchange(right, PhysicalExchange.Kind.BROADCAST, new int[0]),
                JoinType.INNER, joined));
        assertEquals(sorted(run(join(left, right, JoinType.INNER, joined), 1)), sorted(run(broadcast, 2)));
    }

    /** Window operators run in every worker of a hash exchange; ties are avoided by RANK and a RANGE frame. */
    @Test
    void hashPartitionedWindowEqualsSingleThreaded() {
        PhysicalNode values = unionOfValues(randomRows(new Random(6), 600), 3);
        WindowFrame running = new WindowFrame(false, new WindowFrame.Bound(WindowFrame.BoundKind.UNBOUNDED_PRECEDING, null),
                new WindowFrame.Bound(WindowFrame.BoundKind.CURRENT_ROW, null));
        WindowGroup group = new WindowGroup(new int[] {0}, List.of(new SortKey(2, false, true)), running, List.of(
                new WindowFunction(WindowFunction.Kind.RANK, null, new int[0], false, DataType.BIGINT, "r"),
                new WindowFunction(WindowFunction.Kind.AGGREGATE, AggregateFunction.SUM, new int[] {2}, false, DataType.BIGINT, "s"),
                new WindowFunction(WindowFunction.Kind.AGGREGATE, AggregateFunction.MAX, new int[] {1}, false, DataType.VARCHAR, "m")));
        RowSchema windowed = TestRows.concat(INPUT, TestRows.schema(DataType.BIGINT, DataType.BIGINT, DataType.VARCHAR));
        List<List<Object>> expected = run(new PhysicalWindow(values, List.of(group), windowed), 1);
        assertEquals(600, expected.size());
        for (int parallelism = 2; parallelism <= 3; parallelism++) {
            PhysicalNode parallel = gather(new PhysicalWindow(hash(values, 0), List.of(group), windowed));
            assertEquals(sorted(expected), sorted(run(parallel, parallelism)), "parallelism " + parallelism);
        }
    }

    @Test
    void workerFailureSurfacesWithItsSqlState() {
        RowSchema schema = TestRows.schema(DataType.BIGINT);
        PhysicalNode values = new PhysicalValues(List.of(List.of(Long.MAX_VALUE), List.of(1L)), schema);
        List<AggregateCall> sum = List.of(new AggregateCall(AggregateFunction.SUM, new int[] {0}, false, -1, DataType.BIGINT, "s"));
        PhysicalNode overflowing = new PhysicalHashAggregate(values, new int[0], List.of(), sum, AggregateStep.SINGLE, schema);
        TarnException error = assertThrows(TarnException.class, () -> run(gather(overflowing), 2));
        assertEquals("22003", error.sqlState());
    }

    @Test
    void cancellingStopsTheWorkers() {
        PhysicalNode values = unionOfValues(randomRows(new Random(4), 20_000), 4);
        ExecutionContext context = new ExecutionContext(allocator, 3, 16, ZoneOffset.UTC);
        Operator operator = QueryExecutor.execute(gather(hash(values, 0)), context);
        try (operator) {
            Batch first = operator.next();
            assertNotNull(first);
            first.close();
            context.cancel();
            TarnException error = assertThrows(TarnException.class, operator::next);
            assertEquals("57014", error.sqlState());
        }
    }

    @Test
    void closingEarlyReleasesEverything() {
        PhysicalNode values = unionOfValues(randomRows(new Random(5), 20_000), 4);
        ExecutionContext context = new ExecutionContext(allocator, 3, 16, ZoneOffset.UTC);
        try (Operator operator = QueryExecutor.execute(gather(hash(values, 0)), context)) {
            operator.next().close();
        }
        // closing waits for the workers, so everything they held is freed now (checked after each test)
        try (Operator unstarted = QueryExecutor.execute(gather(hash(values, 0)), context)) {
            assertNotNull(unstarted);
        }
    }

    private List<List<Object>> run(PhysicalNode plan, int parallelism) {
        ExecutionContext context = new ExecutionContext(allocator, parallelism, 64, ZoneOffset.UTC);
        return TestRows.drain(QueryExecutor.execute(plan, context));
    }

    private static PhysicalNode aggregate(PhysicalNode input, AggregateStep step) {
        return new PhysicalHashAggregate(input, new int[] {0}, List.of(), CALLS, step, AGGREGATED);
    }

    private static PhysicalNode join(PhysicalNode left, PhysicalNode right, JoinType type, RowSchema schema) {
        return new PhysicalHashJoin(left, right, type, new int[] {0, 1}, new int[] {0, 1}, new boolean[2], Optional.empty(), schema);
    }

    private static PhysicalNode gather(PhysicalNode input) {
        return new PhysicalExchange(input, PhysicalExchange.Kind.GATHER, new int[0]);
    }

    private static PhysicalNode hash(PhysicalNode input, int... keys) {
        return new PhysicalExchange(input, PhysicalExchange.Kind.HASH, keys);
    }

    /** The rows as a UNION ALL of several VALUES (which emit in instance 0 only: the exchanges spread them). */
    private static PhysicalNode unionOfValues(List<List<Object>> rows, int parts) {
        List<PhysicalNode> inputs = new ArrayList<>();
        int size = (rows.size() + parts - 1) / parts;
        for (int from = 0; from < rows.size(); from += size) {
            inputs.add(new PhysicalValues(rows.subList(from, Math.min(rows.size(), from + size)), INPUT));
        }
        return new PhysicalUnion(inputs, INPUT);
    }

    private static List<List<Object>> randomRows(Random random, int count) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(Arrays.asList(TestRows.randomLong(random, 13, 0.05), TestRows.randomString(random, 5, 0.05),
                    TestRows.randomLong(random, 1000, 0.05)));
        }
        return rows;
    }
}
