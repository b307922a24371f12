package io.tarn.planner.rules;

import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.rules.AggregateJoinTransposeRule;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Aggregation below inner joins: an aggregate over a join becomes a partial aggregate of a join input, grouped by
 * that input's join keys and the group keys it holds, below the join, and the final aggregate above it (Calcite's
 * {@link AggregateJoinTransposeRule}, which keeps SUM, COUNT, MIN and MAX exact and declines what it cannot split).
 * A fact table summed by a dimension's attribute then joins one row per dimension key instead of every fact row.
 * Only where the estimates give one input at least {@link #MIN_ROWS_PER_GROUP} rows per such group: with fewer, the
 * extra hash aggregation costs more than the join rows it saves.
 */
final class AggregatePushdown extends AggregateJoinTransposeRule {
    static final double MIN_ROWS_PER_GROUP = 10;

    static final AggregatePushdown INSTANCE = new AggregatePushdown();

    private AggregatePushdown() {
        super(Config.EXTENDED);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        Aggregate aggregate = call.rel(0);
        Join join = call.rel(1);
        if (join.getJoinType() == JoinRelType.INNER && aggregate.getGroupType() == Aggregate.Group.SIMPLE
                && reducesAnInput(aggregate, join, call.getMetadataQuery())) {
            super.onMatch(call);
        }
    }

    private static boolean reducesAnInput(Aggregate aggregate, Join join, RelMetadataQuery metadata) {
        JoinInfo keys = join.analyzeCondition();
        int leftWidth = join.getLeft().getRowType().getFieldCount();
        ImmutableBitSet groupKeys = aggregate.getGroupSet();
        ImmutableBitSet leftGroupKeys = groupKeys.intersect(ImmutableBitSet.range(0, leftWidth));
        ImmutableBitSet rightGroupKeys = groupKeys.except(leftGroupKeys).shift(-leftWidth);
        return rowsPerGroup(join.getLeft(), leftGroupKeys.union(keys.leftSet()), metadata) >= MIN_ROWS_PER_GROUP
                || rowsPerGroup(join.getRight(), rightGroupKeys.union(keys.rightSet()), metadata) >= MIN_ROWS_PER_GROUP;
    }

    private static double rowsPerGroup(org.apache.calcite.rel.RelNode input, ImmutableBitSet keys, RelMetadataQuery metadata) {
        Double rows = metadata.getRowCount(input);
        Double groups = metadata.getDistinctRowCount(input, keys, null);
        return rows == null || groups == null || groups <= 0 ? 0 : rows / groups;
    }
}
