package io.tarn.planner.convert;

import io.tarn.catalog.spi.ColumnConstraint;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.TypeKind;
import io.tarn.executor.expression.Call;
import io.tarn.executor.expression.Expression;
import io.tarn.executor.expression.InputReference;
import io.tarn.executor.expression.Literal;

import java.util.ArrayList;
import java.util.List;

/**
 * Picks the conjuncts of a scan's filter that a table can use to prune files and row groups: a column compared with
 * a literal of the same type, or a null test. The filter itself still runs on every row read.
 */
final class ScanConstraints {
    private ScanConstraints() {
    }

    /** {@code filter} is over the scan's read columns; {@code projection} maps them to table columns. */
    static List<ColumnConstraint> extract(Expression filter, int[] projection) {
        List<ColumnConstraint> constraints = new ArrayList<>();
        for (Expression conjunct : conjuncts(filter)) {
            if (!(conjunct instanceof Call call)) {
                continue;
            }
            List<Expression> arguments = call.arguments();
            switch (call.function()) {
                case IS_NULL, IS_NOT_NULL -> {
                    if (arguments.get(0) instanceof InputReference reference) {
                        constraints.add(new ColumnConstraint(projection[reference.index()], call.function()
                                == io.tarn.executor.expression.Function.IS_NULL ? ColumnConstraint.Op.IS_NULL : ColumnConstraint.Op.IS_NOT_NULL, null));
                    }
                }
                case EQUAL, NOT_EQUAL, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL -> {
                    boolean columnFirst = arguments.get(0) instanceof InputReference && arguments.get(1) instanceof Literal;
                    boolean literalFirst = arguments.get(1) instanceof InputReference && arguments.get(0) instanceof Literal;
                    if (!columnFirst && !literalFirst) {
                        continue;
                    }
                    InputReference reference = (InputReference) arguments.get(columnFirst ? 0 : 1);
                    Literal literal = (Literal) arguments.get(columnFirst ? 1 : 0);
                    if (literal.value() == null || !comparable(reference.type(), literal.type())) {
                        continue;
                    }
                    ColumnConstraint.Op op = switch (call.function()) {
                        case EQUAL -> ColumnConstraint.Op.EQ;
                        case NOT_EQUAL -> ColumnConstraint.Op.NE;
                        case LESS_THAN -> columnFirst ? ColumnConstraint.Op.LT : ColumnConstraint.Op.GT;
                        case LESS_THAN_OR_EQUAL -> columnFirst ? ColumnConstraint.Op.LE : ColumnConstraint.Op.GE;
                        case GREATER_THAN -> columnFirst ? ColumnConstraint.Op.GT : ColumnConstraint.Op.LT;
                        default -> columnFirst ? ColumnConstraint.Op.GE : ColumnConstraint.Op.LE;
                    };
                    constraints.add(new ColumnConstraint(projection[reference.index()], op, literal.value()));
                }
                default -> {
                }
            }
        }
        return constraints;
    }

    private static List<Expression> conjuncts(Expression expression) {
        List<Expression> result = new ArrayList<>();
        if (expression instanceof Call call && call.function() == io.tarn.executor.expression.Function.AND) {
            for (Expression argument : call.arguments()) {
                result.addAll(conjuncts(argument));
            }
        } else {
            result.add(expression);
        }
        return result;
    }

    /** Pruning compares statistics with the value in the column's own canonical form. */
    private static boolean comparable(DataType column, DataType literal) {
        TypeKind a = column.kind();
        TypeKind b = literal.kind();
        if (a.isInteger() && b.isInteger()) {
            return true;
        }
        if (a == TypeKind.DECIMAL && b == TypeKind.DECIMAL) {
            return true;
        }
        if (a.isString() && b.isString()) {
            return a == TypeKind.VARCHAR;
        }
        return a == b;
    }
}
