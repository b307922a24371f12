package io.tarn.planner.convert;

import io.tarn.catalog.spi.ColumnConstraint;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;

import java.util.ArrayList;
import java.util.List;

/**
 * Picks the conjuncts of a scan's filter that a table can use to prune files and row groups: a column compared with
 * a literal of the same type family, or a null test. The filter itself still runs on every row read.
 */
final class ScanConstraints {
    private ScanConstraints() {
    }

    static List<ColumnConstraint> extract(RexBuilder rexBuilder, RexNode condition) {
        List<ColumnConstraint> constraints = new ArrayList<>();
        RexNode expanded = RexUtil.expandSearch(rexBuilder, null, condition);
        for (RexNode conjunct : RelOptUtil.conjunctions(expanded)) {
            if (!(conjunct instanceof RexCall call)) {
                continue;
            }
            if ((call.getKind() == SqlKind.IS_NULL || call.getKind() == SqlKind.IS_NOT_NULL)
                    && call.getOperands().get(0) instanceof RexInputRef ref) {
                constraints.add(new ColumnConstraint(ref.getIndex(),
                        call.getKind() == SqlKind.IS_NULL ? ColumnConstraint.Op.IS_NULL : ColumnConstraint.Op.IS_NOT_NULL, null));
                continue;
            }
            if (call.getOperands().size() != 2) {
                continue;
            }
            RexNode left = call.getOperands().get(0);
            RexNode right = call.getOperands().get(1);
            SqlKind kind = call.getKind();
            if (left instanceof RexLiteral && right instanceof RexInputRef) {
                RexNode swap = left;
                left = right;
                right = swap;
                kind = kind.reverse();
            }
            if (!(left instanceof RexInputRef ref) || !(right instanceof RexLiteral literal) || literal.isNull()) {
                continue;
            }
            if (ref.getType().getSqlTypeName().getFamily() != literal.getType().getSqlTypeName().getFamily()) {
                continue;
            }
            ColumnConstraint.Op op = switch (kind) {
                case EQUALS -> ColumnConstraint.Op.EQ;
                case NOT_EQUALS -> ColumnConstraint.Op.NE;
                case LESS_THAN -> ColumnConstraint.Op.LT;
                case LESS_THAN_OR_EQUAL -> ColumnConstraint.Op.LE;
                case GREATER_THAN -> ColumnConstraint.Op.GT;
                case GREATER_THAN_OR_EQUAL -> ColumnConstraint.Op.GE;
                default -> null;
            };
            if (op != null) {
                constraints.add(new ColumnConstraint(ref.getIndex(), op, RexTranslator.literalValue(literal)));
            }
        }
        return constraints;
    }
}
