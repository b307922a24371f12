package io.tarn.catalog.iceberg;

import io.tarn.catalog.spi.ColumnConstraint;
import io.tarn.catalog.type.TypeKind;
import io.tarn.catalog.type.RowSchema;
import org.apache.iceberg.Schema;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Translates Tarn column constraints into one Iceberg filter expression for partition and min/max pruning.
 * A constraint that cannot be expressed exactly is left out: constraints are only hints, so that is always safe.
 */
final class IcebergFilters {
    private IcebergFilters() {
    }

    static Expression toExpression(List<ColumnConstraint> constraints, RowSchema tarnSchema, Schema schema) {
        Expression result = Expressions.alwaysTrue();
        for (ColumnConstraint constraint : constraints) {
            Expression expression = translate(constraint, tarnSchema, schema);
            if (expression != null) {
                result = Expressions.and(result, expression);
            }
        }
        return result;
    }

    private static Expression translate(ColumnConstraint constraint, RowSchema tarnSchema, Schema schema) {
        if (constraint.column() < 0 || constraint.column() >= tarnSchema.size()) {
            return null;
        }
        String name = tarnSchema.column(constraint.column()).name();
        TypeKind declared = tarnSchema.column(constraint.column()).type().kind();
        Types.NestedField field = schema.findField(name);
        if (field == null || !field.type().isPrimitiveType() || declared == TypeKind.CHAR) {
            // CHAR(n) compares blank-padded; stored values may not be, so min/max cannot be trusted for it
            return null;
        }
        if (constraint.op() == ColumnConstraint.Op.IS_NULL) {
            return Expressions.isNull(name);
        }
        if (constraint.op() == ColumnConstraint.Op.IS_NOT_NULL) {
            return Expressions.notNull(name);
        }
        Object literal = literal(field.type(), constraint.value());
        if (literal == null) {
            return null;
        }
        return switch (constraint.op()) {
            case EQ -> Expressions.equal(name, literal);
            case NE -> Expressions.notEqual(name, literal);
            case LT -> Expressions.lessThan(name, literal);
            case LE -> Expressions.lessThanOrEqual(name, literal);
            case GT -> Expressions.greaterThan(name, literal);
            case GE -> Expressions.greaterThanOrEqual(name, literal);
            default -> null;
        };
    }

    /** The literal in the column's own Iceberg representation, or null when it cannot be represented exactly. */
    private static Object literal(Type type, Object value) {
        if (value == null) {
            return null;
        }
        try {
            return switch (type.typeId()) {
                case INTEGER -> {
                    long v = ((Number) value).longValue();
                    yield isWhole(value) && v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? (int) v : null;
                }
                case LONG, TIME, TIMESTAMP, DATE -> isWhole(value) ? IcebergValues.toIceberg(type, value) : null;
                case DECIMAL -> {
                    BigDecimal decimal = value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
                    yield decimal.setScale(((Types.DecimalType) type).scale(), RoundingMode.UNNECESSARY);
                }
                case FLOAT -> {
                    // a rounded bound would prune wrongly; only floats that equal the literal exactly are safe
                    double d = ((Number) value).doubleValue();
                    yield (double) (float) d == d ? (float) d : null;
                }
                case DOUBLE -> value instanceof Number n ? n.doubleValue() : null;
                case STRING -> value instanceof String ? value : null;
                case BINARY, FIXED -> value instanceof byte[] ? IcebergValues.toIceberg(type, value) : null;
                case BOOLEAN -> value instanceof Boolean ? value : null;
                default -> null;
            };
        } catch (ArithmeticException | ClassCastException | NumberFormatException e) {
            return null;
        }
    }

    private static boolean isWhole(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
    }
}
