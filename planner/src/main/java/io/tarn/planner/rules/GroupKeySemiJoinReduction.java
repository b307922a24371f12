package io.tarn.planner.rules;

import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeUtil;

import java.util.List;
import java.util.Set;

/**
 * Where an aggregate is inner-joined on one of its group keys with a small input that is only a filtered scan, the
 * aggregate's input is first reduced by a semi join with that input's key: groups whose key the small side lacks
 * would be dropped by the join anyway, and every surviving group keeps all its rows, so the results are the same.
 * TPC-H q17 averaged the quantity of all 6M lineitems per part, then joined the ~200 parts its filter keeps; q2 and
 * q20 have the same shape. The small side is read twice, which is why it must be a plain filtered scan.
 */
final class GroupKeySemiJoinReduction extends RelHomogeneousShuttle {
    /** The small side must have at most this fraction of the aggregate input's estimated rows. */
    private static final double MAX_SMALL_SIDE_FRACTION = 0.05;

    private GroupKeySemiJoinReduction() {
    }

    static RelNode apply(RelNode rel) {
        return rel.accept(new GroupKeySemiJoinReduction());
    }

    @Override
    public RelNode visit(RelNode other) {
        RelNode visited = super.visit(other);
        if (!(visited instanceof LogicalJoin join) || join.getJoinType() != JoinRelType.INNER) {
            return visited;
        }
        JoinInfo info = join.analyzeCondition();
        if (info.leftKeys.isEmpty()) {
            return visited;
        }
        RelNode left = reduce(join.getLeft(), join.getRight(), info.leftKeys.get(0), info.rightKeys.get(0));
        if (left != null) {
            return join.copy(join.getTraitSet(), List.of(left, join.getRight()));
        }
        RelNode right = reduce(join.getRight(), join.getLeft(), info.rightKeys.get(0), info.leftKeys.get(0));
        if (right != null) {
            return join.copy(join.getTraitSet(), List.of(join.getLeft(), right));
        }
        return visited;
    }

    /**
     * {@code side} with its aggregate's input semi-joined to {@code other}'s column {@code otherKey}, when {@code
     * side} is an aggregate whose output column {@code sideKey} is a group key and {@code other} is a small filtered
     * scan; else null.
     */
    private static RelNode reduce(RelNode side, RelNode other, int sideKey, int otherKey) {
        if (!(side instanceof Aggregate aggregate) || aggregate.getGroupType() != Aggregate.Group.SIMPLE
                || sideKey >= aggregate.getGroupCount() || !isFilteredScan(other)) {
            return null;
        }
        RelNode input = aggregate.getInput();
        RelMetadataQuery mq = aggregate.getCluster().getMetadataQuery();
        Double inputRows = mq.getRowCount(input);
        Double otherRows = mq.getRowCount(other);
        if (inputRows == null || otherRows == null || otherRows > inputRows * MAX_SMALL_SIDE_FRACTION) {
            return null;
        }
        int inputKey = aggregate.getGroupSet().nth(sideKey);
        if (!SqlTypeUtil.equalSansNullability(input.getRowType().getFieldList().get(inputKey).getType(),
                other.getRowType().getFieldList().get(otherKey).getType())) {
            return null;
        }
        RexBuilder rexBuilder = aggregate.getCluster().getRexBuilder();
        RelNode keys = LogicalProject.create(other, List.of(), List.of(rexBuilder.makeInputRef(other, otherKey)),
                List.of("key"), Set.of());
        int inputWidth = input.getRowType().getFieldCount();
        RexNode condition = rexBuilder.makeCall(SqlStdOperatorTable.EQUALS,
                rexBuilder.makeInputRef(input, inputKey),
                new RexInputRef(inputWidth, keys.getRowType().getFieldList().get(0).getType()));
        RelNode reduced = LogicalJoin.create(input, keys, List.of(), condition, Set.of(), JoinRelType.SEMI);
        return aggregate.copy(aggregate.getTraitSet(), List.of(reduced));
    }

    private static boolean isFilteredScan(RelNode rel) {
        if (rel instanceof TableScan) {
            return true;
        }
        if (rel instanceof Filter || rel instanceof Project) {
            return isFilteredScan(rel.getInput(0));
        }
        return false;
    }
}
