package io.tarn.planner.rules;

import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;

/**
 * Pulls conjuncts common to every branch of an OR out of filter and join conditions, so an equi-join key hidden in a
 * disjunction (TPC-H q19) becomes a hash-join key instead of forcing a nested-loop join.
 * <pre>
 * Filter[(a = b AND x) OR (a = b AND y)]   →   Filter[a = b AND (x OR y)]
 * </pre>
 */
final class CommonFactorExtraction extends RelShuttleImpl {
    static RelNode apply(RelNode rel) {
        return rel.accept(new CommonFactorExtraction());
    }

    @Override
    public RelNode visit(LogicalFilter filter) {
        LogicalFilter visited = (LogicalFilter) super.visit(filter);
        RexNode factored = RexUtil.pullFactors(visited.getCluster().getRexBuilder(), visited.getCondition());
        return factored.equals(visited.getCondition()) ? visited : visited.copy(visited.getTraitSet(), visited.getInput(), factored);
    }

    @Override
    public RelNode visit(LogicalJoin join) {
        LogicalJoin visited = (LogicalJoin) super.visit(join);
        RexNode factored = RexUtil.pullFactors(visited.getCluster().getRexBuilder(), visited.getCondition());
        return factored.equals(visited.getCondition()) ? visited
                : visited.copy(visited.getTraitSet(), factored, visited.getLeft(), visited.getRight(), visited.getJoinType(), visited.isSemiJoinDone());
    }
}
