package io.tarn.planner.rules;

import org.apache.calcite.plan.RelOptUtil;
import com.google.common.collect.ImmutableSet;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.CorrelationId;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexFieldAccess;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.ImmutableBitSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns {@code [NOT] EXISTS (SELECT ... FROM r WHERE condition)} conjuncts of a WHERE clause, where only the
 * condition refers to the outer row, into a SEMI (ANTI) join of the outer input with {@code r} on that condition;
 * the physical planner builds the hash table on whichever side is smaller (RIGHT_SEMI/RIGHT_ANTI for the outer).
 * Calcite's general decorrelation instead computes the outer query's distinct correlation values, joins them to
 * the subquery and joins the result back, which repeats the outer query once per subquery (TPC-H q21 ran its
 * lineitem ⋈ orders ⋈ supplier pipeline four times). EXISTS is never NULL, so a semi join keeps exactly the rows
 * it accepts and an anti join exactly those NOT EXISTS accepts, for any condition, equi or not.
 */
final class CorrelatedExistsToJoin extends RelHomogeneousShuttle {
    private CorrelatedExistsToJoin() {
    }

    static RelNode apply(RelNode rel) {
        return rel.accept(new CorrelatedExistsToJoin());
    }

    @Override
    public RelNode visit(RelNode other) {
        RelNode visited = super.visit(other);
        return visited instanceof LogicalFilter filter ? rewrite(filter) : visited;
    }

    private static RelNode rewrite(LogicalFilter filter) {
        Set<CorrelationId> variables = filter.getVariablesSet();
        if (variables.size() != 1) {
            return filter;
        }
        CorrelationId correlation = variables.iterator().next();
        RexBuilder rexBuilder = filter.getCluster().getRexBuilder();
        RelNode input = filter.getInput();
        List<RexNode> remaining = new ArrayList<>();
        boolean rewritten = false;
        for (RexNode conjunct : RelOptUtil.conjunctions(filter.getCondition())) {
            boolean negated = conjunct.getKind() == SqlKind.NOT;
            RexNode operand = negated ? ((RexCall) conjunct).getOperands().get(0) : conjunct;
            RelNode joined = operand instanceof RexSubQuery subQuery && subQuery.getKind() == SqlKind.EXISTS
                    ? join(input, subQuery.rel, correlation, negated ? JoinRelType.ANTI : JoinRelType.SEMI, rexBuilder)
                    : null;
            if (joined == null) {
                remaining.add(conjunct);
            } else {
                input = joined;
                rewritten = true;
            }
        }
        if (!rewritten) {
            return filter;
        }
        if (remaining.isEmpty()) {
            return input;
        }
        boolean stillCorrelated = remaining.stream().anyMatch(RexUtil::containsCorrelation)
                || remaining.stream().anyMatch(r -> RexUtil.SubQueryFinder.find(r) != null);
        return LogicalFilter.create(input, RexUtil.composeConjunction(rexBuilder, remaining),
                stillCorrelated ? ImmutableSet.of(correlation) : ImmutableSet.of());
    }

    /**
     * Whether the condition is key equalities alone and the subquery's keys repeat a lot (fewer distinct values than a
     * quarter of its rows). Calcite's rewrite then wins: it joins the subquery's distinct keys, which a partial
     * aggregation shrinks before any exchange (TPC-H q22: 1.5M orders, 150,000 customer keys). With nearly unique
     * keys (q4's order keys of lineitem) the distinct step only doubles the work, and the semi join is better.
     */
    private static boolean fewDistinctKeys(RelNode source, List<RexNode> joinConditions, int outerWidth) {
        ImmutableBitSet.Builder keys = ImmutableBitSet.builder();
        for (RexNode conjunct : joinConditions) {
            if (conjunct.getKind() != SqlKind.EQUALS) {
                return false;
            }
            List<RexNode> operands = ((RexCall) conjunct).getOperands();
            if (!(operands.get(0) instanceof RexInputRef a) || !(operands.get(1) instanceof RexInputRef b)
                    || a.getIndex() < outerWidth == b.getIndex() < outerWidth) {
                return false;
            }
            keys.set(Math.max(a.getIndex(), b.getIndex()) - outerWidth);
        }
        RelMetadataQuery mq = source.getCluster().getMetadataQuery();
        Double rows = mq.getRowCount(source);
        Double distinct = mq.getDistinctRowCount(source, keys.build(), null);
        return rows != null && distinct != null && distinct * 4 < rows;
    }

    /**
     * The join of {@code outer} with the subquery's source on its condition, or null when the subquery is not a
     * (projected) filter whose condition alone refers to the outer row.
     */
    private static RelNode join(RelNode outer, RelNode subQuery, CorrelationId correlation, JoinRelType type,
                                RexBuilder rexBuilder) {
        RelNode body = subQuery;
        while (body instanceof Project project && project.getProjects().stream().noneMatch(RexUtil::containsCorrelation)) {
            body = project.getInput();
        }
        if (!(body instanceof Filter inner) || !RelOptUtil.getVariablesUsed(inner.getInput()).isEmpty()) {
            return null;
        }
        int outerWidth = outer.getRowType().getFieldCount();
        boolean[] foreign = new boolean[1];
        RexNode condition = inner.getCondition().accept(new RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                return new RexInputRef(ref.getIndex() + outerWidth, ref.getType());
            }

            @Override
            public RexNode visitFieldAccess(RexFieldAccess access) {
                if (access.getReferenceExpr() instanceof RexCorrelVariable variable) {
                    if (!variable.id.equals(correlation)) {
                        foreign[0] = true;
                        return access;
                    }
                    int field = access.getField().getIndex();
                    return new RexInputRef(field, outer.getRowType().getFieldList().get(field).getType());
                }
                return super.visitFieldAccess(access);
            }

            @Override
            public RexNode visitSubQuery(RexSubQuery subQuery) {
                foreign[0] = true;
                return subQuery;
            }
        });
        if (foreign[0] || RexUtil.containsCorrelation(condition)) {
            return null;
        }
        // conditions on the subquery's rows alone filter them before the join, not every candidate pair in it
        List<RexNode> joinConditions = new ArrayList<>();
        List<RexNode> subQueryConditions = new ArrayList<>();
        for (RexNode conjunct : RelOptUtil.conjunctions(condition)) {
            ImmutableBitSet columns = RelOptUtil.InputFinder.bits(conjunct);
            if (!columns.isEmpty() && columns.nextSetBit(0) >= outerWidth) {
                subQueryConditions.add(RexUtil.shift(conjunct, -outerWidth));
            } else {
                joinConditions.add(conjunct);
            }
        }
        RelNode source = subQueryConditions.isEmpty() ? inner.getInput()
                : LogicalFilter.create(inner.getInput(), RexUtil.composeConjunction(rexBuilder, subQueryConditions));
        if (fewDistinctKeys(source, joinConditions, outerWidth)) {
            return null;
        }
        return LogicalJoin.create(outer, source, List.of(), RexUtil.composeConjunction(rexBuilder, joinConditions),
                Set.of(), type);
    }
}
