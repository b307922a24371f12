package io.tarn.planner.convert;

import io.tarn.catalog.type.DataType;
import io.tarn.executor.expression.Call;
import io.tarn.executor.expression.Expression;
import io.tarn.executor.expression.Function;
import io.tarn.executor.expression.InputReference;
import io.tarn.executor.expression.Literal;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlTrimFunction;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.TimeString;
import org.apache.calcite.util.TimestampString;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/** Translates Calcite row expressions into Tarn's expression IR; the executor never sees Calcite. */
public final class RexTranslator {
    private final RexBuilder rexBuilder;
    private final List<Object> parameterValues;
    private final long statementStartMicros;
    private final java.time.ZoneId timeZone;

    public RexTranslator(RexBuilder rexBuilder, List<Object> parameterValues, long statementStartMicros, java.time.ZoneId timeZone) {
        this.rexBuilder = requireNonNull(rexBuilder, "rexBuilder is null");
        this.parameterValues = requireNonNull(parameterValues, "parameterValues is null");
        this.statementStartMicros = statementStartMicros;
        this.timeZone = timeZone;
    }

    public Expression translate(RexNode node) {
        DataType type = TypeConverter.toTarn(node.getType());
        if (node instanceof RexInputRef ref) {
            return new InputReference(ref.getIndex(), type);
        }
        if (node instanceof RexLiteral literal) {
            return new Literal(literalValue(literal), type);
        }
        if (node instanceof RexDynamicParam param) {
            if (param.getIndex() >= parameterValues.size()) {
                throw new PlanningException(PlanningException.INVALID_PARAMETER, "no value bound for parameter " + (param.getIndex() + 1));
            }
            return new Literal(parameterValues.get(param.getIndex()), type);
        }
        if (node instanceof RexCall call) {
            return translateCall(call, type);
        }
        throw unsupported(node.toString());
    }

    public List<Expression> translateAll(List<? extends RexNode> nodes) {
        List<Expression> result = new ArrayList<>(nodes.size());
        for (RexNode node : nodes) {
            result.add(translate(node));
        }
        return result;
    }

    private Expression translateCall(RexCall call, DataType type) {
        SqlKind kind = call.getKind();
        switch (kind) {
            case SEARCH:
                return translate(RexUtil.expandSearch(rexBuilder, null, call));
            case CAST:
            case SAFE_CAST:
                return ConstantFolder.fold(new Call(Function.CAST, List.of(translate(call.getOperands().get(0))), type), timeZone);
            case CASE:
                return new Call(Function.CASE, translateAll(call.getOperands()), type);
            case LIKE:
                if (call.getOperator().getName().equalsIgnoreCase("NOT LIKE")) {
                    return new Call(Function.NOT, List.of(new Call(Function.LIKE, translateAll(call.getOperands()), type)), type);
                }
                return new Call(Function.LIKE, translateAll(call.getOperands()), type);
            case EXTRACT: {
                TimeUnitRange unit = (TimeUnitRange) ((RexLiteral) call.getOperands().get(0)).getValue();
                return new Call(Function.EXTRACT, List.of(
                        new Literal(requireNonNull(unit).name(), DataType.VARCHAR),
                        translate(call.getOperands().get(1))), type);
            }
            case TRIM: {
                SqlTrimFunction.Flag flag = (SqlTrimFunction.Flag) ((RexLiteral) call.getOperands().get(0)).getValue();
                Function function = switch (requireNonNull(flag)) {
                    case BOTH -> Function.TRIM_BOTH;
                    case LEADING -> Function.TRIM_LEADING;
                    case TRAILING -> Function.TRIM_TRAILING;
                };
                return new Call(function, translateAll(call.getOperands().subList(1, 3)), type);
            }
            default:
                break;
        }
        Function function = simpleFunction(call);
        if (function == null) {
            Expression special = timeFunction(call, type);
            if (special != null) {
                return special;
            }
            throw unsupported(call.getOperator().getName() + " with argument types "
                    + call.getOperands().stream().map(o -> o.getType().getFullTypeString()).toList());
        }
        return ConstantFolder.fold(new Call(function, translateAll(call.getOperands()), type), timeZone);
    }

    private Expression timeFunction(RexCall call, DataType type) {
        String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
        switch (name) {
            case "CURRENT_DATE": {
                java.time.LocalDate today = java.time.Instant.ofEpochSecond(0, statementStartMicros * 1000).atZone(timeZone).toLocalDate();
                return new Literal((int) today.toEpochDay(), type);
            }
            case "CURRENT_TIMESTAMP":
                return new Literal(statementStartMicros, type);
            case "LOCALTIMESTAMP": {
                java.time.LocalDateTime now = java.time.Instant.ofEpochSecond(0, statementStartMicros * 1000).atZone(timeZone).toLocalDateTime();
                return new Literal(now.toEpochSecond(java.time.ZoneOffset.UTC) * 1_000_000 + now.getNano() / 1000, type);
            }
            case "DATE":
                // date('1994-01-01') as Trino and BigQuery write it: a cast
                if (call.getOperands().size() == 1) {
                    return new Call(Function.CAST, List.of(translate(call.getOperands().get(0))), type);
                }
                return null;
            default:
                return null;
        }
    }

    private static Function simpleFunction(RexCall call) {
        SqlKind kind = call.getKind();
        return switch (kind) {
            case PLUS -> Function.ADD;
            case MINUS, MINUS_PREFIX -> call.getOperands().size() == 1 ? Function.NEGATE : Function.SUBTRACT;
            case TIMES -> Function.MULTIPLY;
            case DIVIDE -> Function.DIVIDE;
            case MOD -> Function.MODULO;
            case EQUALS -> Function.EQUAL;
            case NOT_EQUALS -> Function.NOT_EQUAL;
            case LESS_THAN -> Function.LESS_THAN;
            case LESS_THAN_OR_EQUAL -> Function.LESS_THAN_OR_EQUAL;
            case GREATER_THAN -> Function.GREATER_THAN;
            case GREATER_THAN_OR_EQUAL -> Function.GREATER_THAN_OR_EQUAL;
            case IS_DISTINCT_FROM -> Function.IS_DISTINCT_FROM;
            case IS_NOT_DISTINCT_FROM -> Function.IS_NOT_DISTINCT_FROM;
            case AND -> Function.AND;
            case OR -> Function.OR;
            case NOT -> Function.NOT;
            case IS_NULL -> Function.IS_NULL;
            case IS_NOT_NULL -> Function.IS_NOT_NULL;
            case IS_TRUE -> Function.IS_TRUE;
            case IS_NOT_TRUE -> Function.IS_NOT_TRUE;
            case IS_FALSE -> Function.IS_FALSE;
            case IS_NOT_FALSE -> Function.IS_NOT_FALSE;
            case COALESCE -> Function.COALESCE;
            case POSITION -> Function.POSITION;
            case FLOOR -> call.getOperands().size() == 1 ? Function.FLOOR : null;
            case CEIL -> call.getOperands().size() == 1 ? Function.CEIL : null;
            default -> byName(call.getOperator().getName().toUpperCase(Locale.ROOT), call.getOperands().size());
        };
    }

    private static Function byName(String name, int arity) {
        return switch (name) {
            case "||", "CONCAT" -> Function.CONCAT;
            case "SUBSTRING", "SUBSTR" -> Function.SUBSTRING;
            case "UPPER" -> Function.UPPER;
            case "LOWER" -> Function.LOWER;
            case "CHAR_LENGTH", "CHARACTER_LENGTH", "LENGTH" -> Function.CHAR_LENGTH;
            case "OCTET_LENGTH" -> Function.OCTET_LENGTH;
            case "REPLACE" -> Function.REPLACE;
            case "ABS" -> Function.ABS;
            case "ROUND" -> Function.ROUND;
            case "MOD" -> Function.MODULO;
            case "POWER" -> Function.POWER;
            case "SQRT" -> Function.SQRT;
            case "EXP" -> Function.EXP;
            case "LN" -> Function.LN;
            case "LOG10" -> Function.LOG10;
            case "SIGN" -> Function.SIGN;
            case "TRUNCATE", "TRUNC" -> Function.TRUNCATE;
            default -> null;
        };
    }

    /** A literal's value in Tarn's canonical Java form. */
    public static Object literalValue(RexLiteral literal) {
        if (literal.isNull()) {
            return null;
        }
        return switch (literal.getType().getSqlTypeName()) {
            case BOOLEAN -> literal.getValueAs(Boolean.class);
            case TINYINT, SMALLINT, INTEGER, BIGINT -> literal.getValueAs(Long.class);
            case DECIMAL -> requireNonNull(literal.getValueAs(BigDecimal.class)).setScale(literal.getType().getScale(), java.math.RoundingMode.HALF_UP);
            case REAL, FLOAT, DOUBLE -> literal.getValueAs(Double.class);
            case CHAR, VARCHAR -> literal.getValueAs(String.class);
            case BINARY, VARBINARY -> requireNonNull(literal.getValueAs(ByteString.class)).getBytes();
            case DATE -> requireNonNull(literal.getValueAs(DateString.class)).getDaysSinceEpoch();
            case TIME -> (long) requireNonNull(literal.getValueAs(TimeString.class)).getMillisOfDay() * 1000L;
            case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> timestampMicros(requireNonNull(literal.getValueAs(TimestampString.class)));
            case INTERVAL_YEAR, INTERVAL_YEAR_MONTH, INTERVAL_MONTH, INTERVAL_DAY, INTERVAL_DAY_HOUR, INTERVAL_DAY_MINUTE,
                 INTERVAL_DAY_SECOND, INTERVAL_HOUR, INTERVAL_HOUR_MINUTE, INTERVAL_HOUR_SECOND, INTERVAL_MINUTE,
                 INTERVAL_MINUTE_SECOND, INTERVAL_SECOND -> literal.getValueAs(Long.class);
            case SYMBOL -> String.valueOf(literal.getValue());
            default -> {
                Object value = literal.getValue2();
                yield value instanceof NlsString s ? s.getValue() : value;
            }
        };
    }

    private static long timestampMicros(TimestampString timestamp) {
        String text = timestamp.toString();
        java.time.LocalDateTime dateTime = java.time.LocalDateTime.parse(text.replace(' ', 'T'));
        return dateTime.toEpochSecond(java.time.ZoneOffset.UTC) * 1_000_000L + dateTime.getNano() / 1000;
    }

    private static PlanningException unsupported(String what) {
        return new PlanningException(PlanningException.FEATURE_NOT_SUPPORTED, "not supported yet: " + what);
    }
}
