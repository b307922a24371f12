package io.tarn.planner.fragment;

import io.tarn.catalog.type.Column;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.executor.expression.AggregateCall;
import io.tarn.executor.expression.AggregateFunction;
import io.tarn.executor.plan.AggregateStep;
import io.tarn.executor.plan.JoinType;
import io.tarn.executor.plan.PhysicalHashAggregate;
import io.tarn.executor.plan.PhysicalHashJoin;
import io.tarn.executor.plan.PhysicalNode;
import io.tarn.executor.plan.PhysicalSort;
import io.tarn.executor.plan.PhysicalValues;
import io.tarn.executor.plan.SortKey;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class TestExchangePlanner {
    private static final RowSchema TWO_LONGS = new RowSchema(List.of(new Column("a", DataType.BIGINT), new Column("b", DataType.BIGINT)));
    /** Both sides' columns, as an inner join of two TWO_LONGS inputs outputs them. */
    private static final RowSchema JOINED = new RowSchema(List.of(TWO_LONGS.column(0), TWO_LONGS.column(1),
            new Column("c", DataType.BIGINT), new Column("d", DataType.BIGINT)));

    private static PhysicalNode values() {
        return new PhysicalValues(List.of(List.of(1L, 2L)), TWO_LONGS);
    }

    private static String render(PhysicalNode node) {
        StringBuilder text = new StringBuilder();
        render(node, 0, text);
        return text.toString();
    }

    private static void render(PhysicalNode node, int depth, StringBuilder text) {
        text.append("  ".repeat(depth)).append(node).append('\n');
        for (PhysicalNode input : node.inputs()) {
            render(input, depth + 1, text);
        }
    }

    @Test
    void singleThreadKeepsThePlan() {
        PhysicalNode plan = values();
        assertSame(plan, ExchangePlanner.parallelize(plan, 1));
    }

    @Test
    void joinRepartitionsBothInputsAndRootGathers() {
        PhysicalNode join = new PhysicalHashJoin(values(), values(), JoinType.INNER, new int[] {0}, new int[] {1},
                new boolean[] {false}, Optional.empty(), JOINED);
        assertEquals("""
                Exchange[GATHER]
                  HashJoin[INNER, left=[0], right=[1]]
                    Exchange[HASH, keys=[0]]
                      Values[rows=1]
                    Exchange[HASH, keys=[1]]
                      Values[rows=1]
                """, render(ExchangePlanner.parallelize(join, 4)));
    }

    @Test
    void smallBuildSideIsBroadcastUnlessItsRowsMustBeReportedOnce() {
        for (JoinType type : JoinType.values()) {
            PhysicalNode probe = values();
            PhysicalNode build = values();
            RowEstimates estimates = new RowEstimates();
            estimates.put(probe, 50_000);
            estimates.put(build, 100);
            PhysicalNode join = new PhysicalHashJoin(probe, build, type, new int[] {0}, new int[] {1},
                    new boolean[] {false}, Optional.empty(), type.outputsRight() && type.outputsLeft() ? JOINED : TWO_LONGS);
            String broadcast = """
                    Exchange[GATHER]
                      HashJoin[%s, left=[0], right=[1]]
                        Values[rows=1]
                        Exchange[BROADCAST]
                          Values[rows=1]
                    """.formatted(type);
            String repartitioned = """
                    Exchange[GATHER]
                      HashJoin[%s, left=[0], right=[1]]
                        Exchange[HASH, keys=[0]]
                          Values[rows=1]
                        Exchange[HASH, keys=[1]]
                          Values[rows=1]
                    """.formatted(type);
            boolean buildRowsReportedOnce = type.tracksBuildMatches();
            assertEquals(buildRowsReportedOnce ? repartitioned : broadcast, render(ExchangePlanner.parallelize(join, 2, estimates)), type.name());
            estimates.put(build, 1_500_000);
            assertEquals(repartitioned, render(ExchangePlanner.parallelize(join, 2, estimates)), type + " with a large build side");
        }
    }

    /** Broadcasting keeps the join where its probe rows are read: a large probe side read by one instance is spread. */
    @Test
    void largeProbeSideReadByOneInstanceIsRepartitionedInsteadOfBroadcastTo() {
        PhysicalNode values = values();
        PhysicalNode distinct = new PhysicalHashAggregate(values(), new int[] {0, 1}, List.of(), List.of(),
                AggregateStep.SINGLE, TWO_LONGS);
        PhysicalNode build = values();
        RowEstimates estimates = new RowEstimates();
        estimates.put(values, 1_000_000);
        estimates.put(distinct, 1_000_000);
        estimates.put(build, 100);
        PhysicalNode fromOneInstance = new PhysicalHashJoin(values, build, JoinType.INNER, new int[] {0}, new int[] {1},
                new boolean[] {false}, Optional.empty(), JOINED);
        assertEquals("""
                Exchange[GATHER]
                  HashJoin[INNER, left=[0], right=[1]]
                    Exchange[HASH, keys=[0]]
                      Values[rows=1]
                    Exchange[HASH, keys=[1]]
                      Values[rows=1]
                """, render(ExchangePlanner.parallelize(fromOneInstance, 2, estimates)));
        PhysicalNode fromEveryInstance = new PhysicalHashJoin(distinct, build, JoinType.INNER, new int[] {0}, new int[] {1},
                new boolean[] {false}, Optional.empty(), JOINED);
        assertEquals("""
                Exchange[GATHER]
                  HashJoin[INNER, left=[0], right=[1]]
                    HashAggregate[FINAL, keys=[0, 1], []]
                      Exchange[HASH, keys=[0, 1]]
                        HashAggregate[PARTIAL, keys=[0, 1], []]
                          Values[rows=1]
                    Exchange[BROADCAST]
                      Values[rows=1]
                """, render(ExchangePlanner.parallelize(fromEveryInstance, 2, estimates)));
    }

    @Test
    void topNRunsPerInstanceThenOnceMore() {
        PhysicalNode topN = new PhysicalSort(values(), List.of(new SortKey(0, false, false)), 2, 5);
        assertEquals("""
                TopN[limit=5, offset=2, [$0 ASC NULLS LAST]]
                  Exchange[GATHER]
                    TopN[limit=7, [$0 ASC NULLS LAST]]
                      Values[rows=1]
                """, render(ExchangePlanner.parallelize(topN, 2)));
    }

    @Test
    void aggregateRunsPartialPerInstanceAndMergesStatesAfterTheExchange() {
        AggregateCall count = new AggregateCall(AggregateFunction.COUNT, new int[0], false, -1, DataType.BIGINT, "c");
        PhysicalNode global = new PhysicalHashAggregate(values(), new int[0], List.of(), List.of(count), AggregateStep.SINGLE,
                new RowSchema(List.of(new Column("c", DataType.BIGINT))));
        assertEquals("""
                HashAggregate[FINAL, keys=[], [count()]]
                  Exchange[GATHER]
                    HashAggregate[PARTIAL, keys=[], [count()]]
                      Values[rows=1]
                """, render(ExchangePlanner.parallelize(global, 2)));
        PhysicalNode grouped = new PhysicalHashAggregate(values(), new int[] {1}, List.of(), List.of(count), AggregateStep.SINGLE,
                new RowSchema(List.of(new Column("b", DataType.BIGINT), new Column("c", DataType.BIGINT))));
        assertEquals("""
                Exchange[GATHER]
                  HashAggregate[FINAL, keys=[0], [count()]]
                    Exchange[HASH, keys=[0]]
                      HashAggregate[PARTIAL, keys=[1], [count()]]
                        Values[rows=1]
                """, render(ExchangePlanner.parallelize(grouped, 2)));
    }

    @Test
    void nearlyUniqueGroupsSkipThePartialStep() {
        AggregateCall count = new AggregateCall(AggregateFunction.COUNT, new int[0], false, -1, DataType.BIGINT, "c");
        PhysicalNode input = values();
        PhysicalNode grouped = new PhysicalHashAggregate(input, new int[] {1}, List.of(), List.of(count), AggregateStep.SINGLE,
                new RowSchema(List.of(new Column("b", DataType.BIGINT), new Column("c", DataType.BIGINT))));
        RowEstimates estimates = new RowEstimates();
        estimates.put(input, 1000);
        estimates.put(grouped, 600);
        assertEquals("""
                Exchange[GATHER]
                  HashAggregate[SINGLE, keys=[1], [count()]]
                    Exchange[HASH, keys=[1]]
                      Values[rows=1]
                """, render(ExchangePlanner.parallelize(grouped, 2, estimates)));
        estimates.put(grouped, 100);
        assertEquals("""
                Exchange[GATHER]
                  HashAggregate[FINAL, keys=[0], [count()]]
                    Exchange[HASH, keys=[0]]
                      HashAggregate[PARTIAL, keys=[1], [count()]]
                        Values[rows=1]
                """, render(ExchangePlanner.parallelize(grouped, 2, estimates)));
    }

    @Test
    void distinctAggregateRepartitionsItsInput() {
        AggregateCall distinct = new AggregateCall(AggregateFunction.COUNT, new int[] {0}, true, -1, DataType.BIGINT, "c");
        PhysicalNode global = new PhysicalHashAggregate(values(), new int[0], List.of(), List.of(distinct), AggregateStep.SINGLE,
                new RowSchema(List.of(new Column("c", DataType.BIGINT))));
        assertEquals("""
                HashAggregate[SINGLE, keys=[], [count(DISTINCT $0)]]
                  Exchange[GATHER]
                    Values[rows=1]
                """, render(ExchangePlanner.parallelize(global, 2)));
        PhysicalNode grouped = new PhysicalHashAggregate(values(), new int[] {1}, List.of(), List.of(distinct), AggregateStep.SINGLE,
                new RowSchema(List.of(new Column("b", DataType.BIGINT), new Column("c", DataType.BIGINT))));
        assertEquals("""
                Exchange[GATHER]
                  HashAggregate[SINGLE, keys=[1], [count(DISTINCT $0)]]
                    Exchange[HASH, keys=[1]]
                      Values[rows=1]
                """, render(ExchangePlanner.parallelize(grouped, 2)));
    }
}
