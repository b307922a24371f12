package io.tarn.executor.expression;

import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.TypeKind;
import io.tarn.executor.expression.SourceGenerator.Value;
import io.tarn.executor.expression.runtime.DateTimes;
import io.tarn.executor.expression.runtime.LikeMatcher;
import io.tarn.executor.expression.runtime.Strings;

import java.util.List;

import static io.tarn.executor.expression.CastCodes.DATE_TIMES;
import static io.tarn.executor.expression.CastCodes.DECIMAL_MATH;
import static io.tarn.executor.expression.CastCodes.DOUBLE_MATH;
import static io.tarn.executor.expression.CastCodes.INTEGER_MATH;
import static io.tarn.executor.expression.CastCodes.LIKE_MATCHER;
import static io.tarn.executor.expression.CastCodes.STRINGS;
import static io.tarn.executor.expression.CastCodes.WIDE_DECIMAL_MATH;
import static io.tarn.executor.expression.CastCodes.unsupported;
import static io.tarn.executor.expression.JavaRepresentation.isExactLong;
import static io.tarn.executor.expression.JavaRepresentation.scale;

/** Generates the code of each {@link Function}; structure (nulls, laziness) comes from {@link SourceGenerator}. */
final class FunctionCodes {
    private static final DataType DOUBLE = DataType.DOUBLE;
    private static final DataType BIGINT = DataType.BIGINT;

    private final SourceGenerator generator;
    private final Arithmetic arithmetic;

    FunctionCodes(SourceGenerator generator) {
        this.generator = generator;
        this.arithmetic = new Arithmetic(generator);
    }

    Value call(Call call) {
        return switch (call.function()) {
            case AND -> logical(call, true);
            case OR -> logical(call, false);
            case CASE -> caseWhen(call);
            case COALESCE -> coalesce(call);
            case IS_NULL, IS_NOT_NULL, IS_TRUE, IS_NOT_TRUE, IS_FALSE, IS_NOT_FALSE -> nullTest(call);
            case IS_DISTINCT_FROM, IS_NOT_DISTINCT_FROM -> distinctFrom(call);
            default -> {
                Value inPlace = TextInPlace.generate(call, generator);
                yield inPlace != null ? inPlace : strictCall(call);
            }
        };
    }

    private Value strictCall(Call call) {
        List<Value> arguments = call.function() == Function.EXTRACT
                ? List.of(generator.generate(call.arguments().get(1)))
                : generator.generateAll(call.arguments());
        String code = switch (call.function()) {
            case NOT -> "!" + arguments.get(0).value();
            case CAST -> cast(arguments.get(0).value(), arguments.get(0).type(), call.type());
            case EQUAL, NOT_EQUAL, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL ->
                    Comparisons.compare(call.function(), arguments.get(0), arguments.get(1), generator);
            case ADD, SUBTRACT, MULTIPLY, DIVIDE, MODULO -> arithmetic.binary(call, arguments.get(0), arguments.get(1));
            case NEGATE -> arithmetic.negate(call, arguments.get(0));
            case ABS, ROUND, TRUNCATE, FLOOR, CEIL, SIGN, POWER, SQRT, EXP, LN, LOG10 -> arithmetic.numeric(call, arguments);
            case CONCAT -> concat(arguments);
            case SUBSTRING -> STRINGS + ".substring(" + text(arguments.get(0)) + ", " + castValue(arguments.get(1), BIGINT)
                    + (arguments.size() > 2 ? ", " + castValue(arguments.get(2), BIGINT) : "") + ")";
            case POSITION -> cast(STRINGS + ".position(" + text(arguments.get(0)) + ", " + text(arguments.get(1)) + ")", BIGINT, call.type());
            case UPPER -> STRINGS + ".upper(" + text(arguments.get(0)) + ")";
            case LOWER -> STRINGS + ".lower(" + text(arguments.get(0)) + ")";
            case TRIM_BOTH, TRIM_LEADING, TRIM_TRAILING -> STRINGS + ".trim(" + text(arguments.get(0)) + ", " + text(arguments.get(1))
                    + ", " + (call.function() != Function.TRIM_TRAILING) + ", " + (call.function() != Function.TRIM_LEADING) + ")";
            case CHAR_LENGTH -> cast(STRINGS + ".charLength(" + text(arguments.get(0)) + ")", BIGINT, call.type());
            case OCTET_LENGTH -> cast("((long) " + text(arguments.get(0)) + ".length)", BIGINT, call.type());
            case REPLACE -> STRINGS + ".replace(" + text(arguments.get(0)) + ", " + text(arguments.get(1)) + ", " + text(arguments.get(2)) + ")";
            case LIKE -> like(call, arguments);
            case EXTRACT -> extract(call, arguments.get(0));
            default -> throw unsupported(call.function() + " with " + argumentTypes(call));
        };
        return generator.strict(call.type(), arguments, code);
    }

    /** AND (stopsOn = FALSE) or OR: skips the remaining arguments once the result is decided. */
    private Value logical(Call call, boolean isAnd) {
        Value result = generator.declare(DataType.BOOLEAN);
        String decided = isAnd ? "!" + result.value() : result.value();
        generator.line(result.isNull() + " = false;");
        generator.line(result.value() + " = " + isAnd + ";");
        for (Expression argument : call.arguments()) {
            generator.line("if (" + result.isNull() + " || !(" + decided + ")) {");
            Value value = generator.generate(argument);
            generator.line("if (" + value.isNull() + ") {");
            generator.line(result.isNull() + " = true;");
            generator.line("} else if (" + (isAnd ? "!" : "") + value.value() + ") {");
            generator.line(result.isNull() + " = false;");
            generator.line(result.value() + " = " + !isAnd + ";");
            generator.line("}");
            generator.line("}");
        }
        return result;
    }

    private Value caseWhen(Call call) {
        Value result = generator.declare(call.type());
        caseBranch(call.arguments(), 0, result);
        return result;
    }

    private void caseBranch(List<Expression> arguments, int position, Value result) {
        if (position == arguments.size() - 1) {
            generator.assign(result, generator.generate(arguments.get(position)));
            return;
        }
        if (position >= arguments.size()) {
            return;
        }
        Value condition = generator.generate(arguments.get(position));
        generator.line("if (!(" + condition.isNull() + ") && " + condition.value() + ") {");
        generator.assign(result, generator.generate(arguments.get(position + 1)));
        generator.line("} else {");
        caseBranch(arguments, position + 2, result);
        generator.line("}");
    }

    private Value coalesce(Call call) {
        Value result = generator.declare(call.type());
        List<Expression> arguments = call.arguments();
        for (int i = 0; i < arguments.size(); i++) {
            generator.assign(result, generator.generate(arguments.get(i)));
            if (i + 1 < arguments.size()) {
                generator.line("if (" + result.isNull() + ") {");
            }
        }
        for (int i = 1; i < arguments.size(); i++) {
            generator.line("}");
        }
        return result;
    }

    private Value nullTest(Call call) {
        Expression operand = call.arguments().get(0);
        if (operand instanceof InputReference column && SourceGenerator.isNested(column.type())
                && (call.function() == Function.IS_NULL || call.function() == Function.IS_NOT_NULL)) {
            generator.bindInput(column);
            String isNull = "c" + column.index() + ".isNull(i)";
            return new Value("false", call.function() == Function.IS_NULL ? "(" + isNull + ")" : "(!" + isNull + ")", DataType.BOOLEAN);
        }
        Value argument = generator.generate(operand);
        String isNull = argument.isNull();
        String value = argument.value();
        String code = switch (call.function()) {
            case IS_NULL -> isNull;
            case IS_NOT_NULL -> "!(" + isNull + ")";
            case IS_TRUE -> "(!(" + isNull + ") && " + value + ")";
            case IS_NOT_TRUE -> "(" + isNull + " || !" + value + ")";
            case IS_FALSE -> "(!(" + isNull + ") && !" + value + ")";
            default -> "(" + isNull + " || " + value + ")";
        };
        return new Value("false", "(" + code + ")", DataType.BOOLEAN);
    }

    private Value distinctFrom(Call call) {
        Value left = generator.generate(call.arguments().get(0));
        Value right = generator.generate(call.arguments().get(1));
        Value result = generator.declare(DataType.BOOLEAN);
        boolean distinct = call.function() == Function.IS_DISTINCT_FROM;
        generator.line(result.isNull() + " = false;");
        generator.line("if (" + left.isNull() + " || " + right.isNull() + ") {");
        generator.line(result.value() + " = " + (distinct ? "" : "!") + "(" + left.isNull() + " != " + right.isNull() + ");");
        generator.line("} else {");
        generator.line(result.value() + " = " + (distinct ? "!" : "") + Comparisons.compare(Function.EQUAL, left, right, generator) + ";");
        generator.line("}");
        return result;
    }

    private String concat(List<Value> arguments) {
        String code = text(arguments.get(0));
        for (int i = 1; i < arguments.size(); i++) {
            code = STRINGS + ".concat(" + code + ", " + text(arguments.get(i)) + ")";
        }
        return code;
    }

    private String like(Call call, List<Value> arguments) {
        List<Expression> expressions = call.arguments();
        boolean constantPattern = expressions.get(1) instanceof Literal pattern && pattern.value() != null
                && (expressions.size() < 3 || expressions.get(2) instanceof Literal escape && escape.value() != null);
        if (constantPattern) {
            byte[] escape = expressions.size() > 2 ? Strings.utf8(((Literal) expressions.get(2)).value().toString()) : null;
            LikeMatcher matcher = LikeMatcher.compile(Strings.utf8(((Literal) expressions.get(1)).value().toString()), escape);
            return generator.constant(matcher, LIKE_MATCHER) + ".matches(" + text(arguments.get(0)) + ")";
        }
        return LIKE_MATCHER + ".matches(" + text(arguments.get(0)) + ", " + text(arguments.get(1)) + ", "
                + (arguments.size() > 2 ? text(arguments.get(2)) : "null") + ")";
    }

    private String extract(Call call, Value datetime) {
        if (!(call.arguments().get(0) instanceof Literal unitLiteral) || unitLiteral.value() == null) {
            throw unsupported("EXTRACT with a non-literal unit");
        }
        String unitName = unitLiteral.value().toString();
        int unit = DateTimes.unitCode(unitName);
        String value = datetime.value();
        String code = switch (datetime.type().kind()) {
            case DATE -> DATE_TIMES + ".extractFromDate(" + unit + ", " + value + ")";
            case TIMESTAMP -> DATE_TIMES + ".extractFromTimestamp(" + unit + ", " + value + ")";
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> DATE_TIMES + ".extractFromTimestamp(" + unit + ", "
                    + (unit == DateTimes.EPOCH ? value : CastCodes.toLocal(value)) + ")";
            case TIME -> DATE_TIMES + ".extractFromTime(" + unit + ", " + value + ")";
            case INTERVAL_YEAR_MONTH -> switch (unit) {
                case DateTimes.YEAR -> "(" + value + " / 12)";
                case DateTimes.MONTH -> "(" + value + " % 12)";
                default -> throw unsupported("EXTRACT(" + unitName + ") from " + datetime.type());
            };
            case INTERVAL_DAY_TIME -> switch (unit) {
                case DateTimes.DAY -> "(" + value + " / 86400000L)";
                case DateTimes.HOUR -> "(" + value + " / 3600000L % 24)";
                case DateTimes.MINUTE -> "(" + value + " / 60000L % 60)";
                case DateTimes.SECOND -> "(" + value + " / 1000L % 60)";
                case DateTimes.EPOCH -> "(" + value + " / 1000L)";
                default -> throw unsupported("EXTRACT(" + unitName + ") from " + datetime.type());
            };
            default -> throw unsupported("EXTRACT from " + datetime.type());
        };
        return cast(code, BIGINT, call.type());
    }

    /** A string or binary argument as bytes; other types are cast to VARCHAR. */
    private String text(Value value) {
        TypeKind kind = value.type().kind();
        if (kind.isString() || kind == TypeKind.BINARY || kind == TypeKind.VARBINARY) {
            return value.value();
        }
        return generator.cast(value, DataType.VARCHAR);
    }

    private String castValue(Value value, DataType to) {
        return generator.cast(value, to);
    }

    private String cast(String code, DataType from, DataType to) {
        return generator.cast(code, from, to);
    }

    static String argumentTypes(Call call) {
        return call.arguments().stream().map(a -> a.type().toString()).toList().toString();
    }

    /** Comparison of two values of comparable types, as a boolean expression. */
    static final class Comparisons {
        private Comparisons() {
        }

        static String compare(Function function, Value left, Value right, SourceGenerator generator) {
            DataType a = left.type();
            DataType b = right.type();
            if (a.kind() == TypeKind.NULL || b.kind() == TypeKind.NULL) {
                return "false";
            }
            if (a.kind().isString() != b.kind().isString() && (a.kind().isString() || b.kind().isString())) {
                // implicit cast of the text side to the other side's type
                return a.kind().isString()
                        ? compare(function, new Value(left.isNull(), generator.cast(left, b), b), right, generator)
                        : compare(function, left, new Value(right.isNull(), generator.cast(right, a), a), generator);
            }
            String x = left.value();
            String y = right.value();
            if (a.kind() == TypeKind.BOOLEAN && b.kind() == TypeKind.BOOLEAN) {
                return ordered(function, "Boolean.compare(" + x + ", " + y + ")");
            }
            if (a.kind().isNumeric() && b.kind().isNumeric()) {
                if (a.kind() == TypeKind.REAL || a.kind() == TypeKind.DOUBLE || b.kind() == TypeKind.REAL || b.kind() == TypeKind.DOUBLE) {
                    return ordered(function, DOUBLE_MATH + ".compare(" + generator.cast(left, DOUBLE) + ", " + generator.cast(right, DOUBLE) + ")");
                }
                if (isExactLong(a) && isExactLong(b)) {
                    return scale(a) == scale(b) ? primitive(function, x, y)
                            : ordered(function, DECIMAL_MATH + ".compare(" + x + ", " + scale(a) + ", " + y + ", " + scale(b) + ")");
                }
                // a DECIMAL(19..38) on at least one side; the holder is scratch space for rescaling
                return ordered(function, WIDE_DECIMAL_MATH + ".compare(" + generator.holder() + ", " + x + ", " + scale(a) + ", "
                        + y + ", " + scale(b) + ")");
            }
            if (a.kind().isString() && b.kind().isString()) {
                if (a.kind() == TypeKind.CHAR || b.kind() == TypeKind.CHAR) {
                    return ordered(function, STRINGS + ".comparePadded(" + x + ", " + y + ")");
                }
                return bytes(function, x, y);
            }
            if (isBinary(a.kind()) && isBinary(b.kind())) {
                return bytes(function, x, y);
            }
            if (isDatetime(a.kind()) && isDatetime(b.kind())) {
                if (a.kind() == b.kind()) {
                    return primitive(function, x, y);
                }
                if (a.kind() == TypeKind.TIME || b.kind() == TypeKind.TIME) {
                    throw unsupported("comparison of " + a + " with " + b);
                }
                DataType common = a.kind() == TypeKind.TIMESTAMP_WITH_LOCAL_TIME_ZONE || b.kind() == TypeKind.TIMESTAMP_WITH_LOCAL_TIME_ZONE
                        ? DataType.of(TypeKind.TIMESTAMP_WITH_LOCAL_TIME_ZONE) : DataType.TIMESTAMP;
                return primitive(function, generator.cast(left, common), generator.cast(right, common));
            }
            if (a.kind() == b.kind() && (a.kind() == TypeKind.INTERVAL_DAY_TIME || a.kind() == TypeKind.INTERVAL_YEAR_MONTH)) {
                return primitive(function, x, y);
            }
            throw unsupported(function + " of " + a + " with " + b);
        }

        private static String bytes(Function function, String x, String y) {
            if (function == Function.EQUAL) {
                return STRINGS + ".equal(" + x + ", " + y + ")";
            }
            if (function == Function.NOT_EQUAL) {
                return "!" + STRINGS + ".equal(" + x + ", " + y + ")";
            }
            return ordered(function, STRINGS + ".compare(" + x + ", " + y + ")");
        }

        private static String primitive(Function function, String x, String y) {
            return "(" + x + " " + operator(function) + " " + y + ")";
        }

        private static String ordered(Function function, String comparison) {
            return "(" + comparison + " " + operator(function) + " 0)";
        }

        private static String operator(Function function) {
            return switch (function) {
                case EQUAL -> "==";
                case NOT_EQUAL -> "!=";
                case LESS_THAN -> "<";
                case LESS_THAN_OR_EQUAL -> "<=";
                case GREATER_THAN -> ">";
                case GREATER_THAN_OR_EQUAL -> ">=";
                default -> throw unsupported("comparison " + function);
            };
        }

        static boolean isDatetime(TypeKind kind) {
            return kind == TypeKind.DATE || kind == TypeKind.TIME || kind == TypeKind.TIMESTAMP
                    || kind == TypeKind.TIMESTAMP_WITH_LOCAL_TIME_ZONE;
        }

        private static boolean isBinary(TypeKind kind) {
            return kind == TypeKind.BINARY || kind == TypeKind.VARBINARY;
        }
    }
}
