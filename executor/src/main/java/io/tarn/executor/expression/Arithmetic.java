package io.tarn.executor.expression;

import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.TypeKind;
import io.tarn.executor.expression.SourceGenerator.Value;

import java.math.BigInteger;
import java.util.List;

import static io.tarn.executor.expression.CastCodes.DATE_TIMES;
import static io.tarn.executor.expression.CastCodes.DECIMAL_MATH;
import static io.tarn.executor.expression.CastCodes.DOUBLE_MATH;
import static io.tarn.executor.expression.CastCodes.INTEGER_MATH;
import static io.tarn.executor.expression.CastCodes.WIDE_DECIMAL_MATH;
import static io.tarn.executor.expression.CastCodes.checkRange;
import static io.tarn.executor.expression.CastCodes.rangeArguments;
import static io.tarn.executor.expression.CastCodes.unsupported;
import static io.tarn.executor.expression.FunctionCodes.Comparisons.isDatetime;
import static io.tarn.executor.expression.FunctionCodes.argumentTypes;
import static io.tarn.executor.expression.JavaRepresentation.isExactLong;
import static io.tarn.executor.expression.JavaRepresentation.isLongDecimal;
import static io.tarn.executor.expression.JavaRepresentation.isWideDecimal;
import static io.tarn.executor.expression.JavaRepresentation.scale;

/** Code of arithmetic and numeric functions, computed in the call's result type (exactly for integers and DECIMAL). */
final class Arithmetic {
    private static final DataType DOUBLE = DataType.DOUBLE;
    private static final DataType BIGINT = DataType.BIGINT;

    private final SourceGenerator generator;

    Arithmetic(SourceGenerator generator) {
        this.generator = generator;
    }

    private String castValue(Value value, DataType to) {
        return generator.cast(value, to);
    }

    private String cast(String code, DataType from, DataType to) {
        return generator.cast(code, from, to);
    }

    /** ADD, SUBTRACT, MULTIPLY, DIVIDE, MODULO over numbers, intervals and datetimes. */
    String binary(Call call, Value a, Value b) {
        DataType result = call.type();
        Function function = call.function();
        if (isTemporal(a.type().kind()) || isTemporal(b.type().kind()) || isTemporal(result.kind())) {
            return temporal(call, a, b);
        }
        if (!a.type().kind().isNumeric() && a.type().kind() != TypeKind.NULL
                || !b.type().kind().isNumeric() && b.type().kind() != TypeKind.NULL) {
            throw unsupported(function + " with " + argumentTypes(call));
        }
        String name = methodName(function);
        if (result.kind().isInteger()) {
            return checkRange(INTEGER_MATH + "." + name + "(" + castValue(a, BIGINT) + ", " + castValue(b, BIGINT) + ")", result.kind());
        }
        if (result.kind() == TypeKind.REAL || result.kind() == TypeKind.DOUBLE) {
            String x = castValue(a, DOUBLE);
            String y = castValue(b, DOUBLE);
            String code = switch (function) {
                case ADD -> "(" + x + " + " + y + ")";
                case SUBTRACT -> "(" + x + " - " + y + ")";
                case MULTIPLY -> "(" + x + " * " + y + ")";
                default -> DOUBLE_MATH + "." + name + "(" + x + ", " + y + ")";
            };
            return cast(code, DOUBLE, result);
        }
        if (result.kind() != TypeKind.DECIMAL) {
            throw unsupported(function + " with " + argumentTypes(call) + " giving " + result);
        }
        String unchecked = withinTypeBounds(function, a, b, result);
        if (unchecked != null) {
            return unchecked;
        }
        // exact operands only: SQL types a DECIMAL op REAL/DOUBLE as a double
        String resultType = ", " + result.scale() + ", " + result.precision();
        if (isLongDecimal(result) && !isWideDecimal(a.type()) && !isWideDecimal(b.type())) {
            return DECIMAL_MATH + "." + name + "(" + exactOperand(a, call) + ", " + exactOperand(b, call) + resultType + ")";
        }
        String wide = WIDE_DECIMAL_MATH + "." + name + "(" + generator.holder() + ", " + wideOperand(a, call) + ", "
                + wideOperand(b, call) + resultType + ")";
        // a DECIMAL(p <= 18) result is checked against its precision, so the low word is the whole value
        return isLongDecimal(result) ? wide + ".low" : wide;
    }

    /**
     * Plain Java arithmetic for an ADD, SUBTRACT or MULTIPLY of two exact long operands whose result type holds every
     * possible result, or null when it may not. A DECIMAL(p, s) value is below 10^(p - s) in magnitude, so the result
     * type says whether the operation can leave it, as SQL's typing rules usually size it to: then neither the
     * overflow checks nor the rescaling of the general methods are needed (q1's and the scan query's
     * {@code price * (1 - discount)}).
     */
    private String withinTypeBounds(Function function, Value a, Value b, DataType result) {
        if (!isExactLong(a.type()) || !isExactLong(b.type())) {
            return null;
        }
        int aScale = scale(a.type());
        int bScale = scale(b.type());
        int aDigits = digits(a.type());
        int bDigits = digits(b.type());
        int scale = result.scale();
        int precision = result.precision();
        if (function == Function.MULTIPLY && scale == aScale + bScale && aDigits + bDigits <= precision) {
            if (isLongDecimal(result)) {
                return "(" + a.value() + " * " + b.value() + ")";
            }
            return generator.holder() + ".set(Math.multiplyHigh(" + a.value() + ", " + b.value() + "), "
                    + a.value() + " * " + b.value() + ")";
        }
        boolean additive = function == Function.ADD || function == Function.SUBTRACT;
        if (additive && isLongDecimal(result) && scale == Math.max(aScale, bScale)
                && Math.max(aDigits - aScale, bDigits - bScale) + scale + 1 <= precision) {
            String operator = function == Function.ADD ? " + " : " - ";
            return "(" + scaledUp(a.value(), scale - aScale) + operator + scaledUp(b.value(), scale - bScale) + ")";
        }
        return null;
    }

    /** The most digits a value of this exact type has (a BIGINT's 19 include values up to 9.2 * 10^18). */
    private static int digits(DataType type) {
        return switch (type.kind()) {
            case TINYINT -> 3;
            case SMALLINT -> 5;
            case INTEGER -> 10;
            case BIGINT -> 19;
            default -> type.precision();
        };
    }

    private static String scaledUp(String value, int digits) {
        return digits == 0 ? value : "(" + value + " * " + BigInteger.TEN.pow(digits) + "L)";
    }

    /**
     * "high, low, scale" of an integer or DECIMAL operand, for {@code WideDecimalMath}. Operands are node results,
     * locals or constant fields, so naming one twice evaluates nothing twice.
     */
    private static String wideOperand(Value operand, Call call) {
        if (operand.type().kind() == TypeKind.NULL) {
            return "0L, 0L, 0"; // never evaluated: the call is NULL
        }
        exactOperand(operand, call); // the same operand check
        String value = operand.value();
        String words = isWideDecimal(operand.type()) ? value + ".high, " + value + ".low" : "(" + value + " >> 63), " + value;
        return words + ", " + scale(operand.type());
    }

    /** "value, scale" of an integer or DECIMAL operand (an unscaled long or Int128). */
    private static String exactOperand(Value operand, Call call) {
        if (operand.type().kind() == TypeKind.NULL) {
            return "0L, 0"; // never evaluated: the call is NULL
        }
        if (!isExactLong(operand.type()) && !isWideDecimal(operand.type())) {
            throw unsupported(call.function() + " with " + argumentTypes(call) + " giving " + call.type());
        }
        return operand.value() + ", " + scale(operand.type());
    }

    String negate(Call call, Value a) {
        DataType result = call.type();
        TypeKind kind = result.kind();
        if (kind.isInteger()) {
            return checkRange(INTEGER_MATH + ".negate(" + castValue(a, BIGINT) + ")", kind);
        }
        if (kind == TypeKind.INTERVAL_DAY_TIME || kind == TypeKind.INTERVAL_YEAR_MONTH) {
            return INTEGER_MATH + ".negate(" + a.value() + ")";
        }
        String value = castValue(a, result);
        return switch (JavaRepresentation.of(result)) {
            case DOUBLE -> "(-" + value + ")";
            case LONG -> INTEGER_MATH + ".negate(" + value + ")";
            case INT128 -> WIDE_DECIMAL_MATH + ".negate(" + generator.holder() + ", " + value + ")";
            default -> throw unsupported("NEGATE of " + a.type());
        };
    }

    /** ABS, ROUND, TRUNCATE, FLOOR, CEIL, SIGN, POWER, SQRT, EXP, LN, LOG10. */
    String numeric(Call call, List<Value> arguments) {
        Value x = arguments.get(0);
        DataType type = x.type();
        DataType result = call.type();
        Function function = call.function();
        if (!type.kind().isNumeric()) {
            throw unsupported(function + " with " + argumentTypes(call));
        }
        String value = x.value();
        return switch (function) {
            case ABS -> abs(castValue(x, result), result);
            case ROUND, TRUNCATE -> {
                String name = function == Function.ROUND ? "round" : "truncate";
                String digits = arguments.size() > 1 ? castValue(arguments.get(1), BIGINT) : "0L";
                String code = switch (JavaRepresentation.of(type)) {
                    case LONG -> type.kind().isInteger()
                            ? INTEGER_MATH + "." + name + "(" + value + ", " + digits + ")"
                            : DECIMAL_MATH + "." + name + "(" + value + ", " + type.scale() + ", " + digits + ")";
                    case INT128 -> WIDE_DECIMAL_MATH + "." + name + "(" + generator.holder() + ", " + value + ", "
                            + type.scale() + ", " + digits + ")";
                    default -> DOUBLE_MATH + "." + name + "(" + value + ", " + digits + ")";
                };
                yield cast(code, type, result);
            }
            case FLOOR, CEIL -> {
                String name = function == Function.FLOOR ? "floor" : "ceil";
                String code = switch (JavaRepresentation.of(type)) {
                    case LONG -> type.kind().isInteger() ? value : DECIMAL_MATH + "." + name + "(" + value + ", " + type.scale() + ")";
                    case INT128 -> WIDE_DECIMAL_MATH + "." + name + "(" + generator.holder() + ", " + value + ", " + type.scale() + ")";
                    default -> "Math." + name + "(" + value + ")";
                };
                yield cast(code, type, result);
            }
            case SIGN -> {
                String code = switch (JavaRepresentation.of(type)) {
                    case LONG -> type.kind().isInteger()
                            ? "((long) Long.signum(" + value + "))"
                            : DECIMAL_MATH + ".sign(" + value + ", " + type.scale() + ")";
                    case INT128 -> WIDE_DECIMAL_MATH + ".sign(" + generator.holder() + ", " + value + ", " + type.scale() + ")";
                    default -> "Math.signum(" + value + ")";
                };
                yield cast(code, type, result);
            }
            case POWER -> cast(DOUBLE_MATH + ".power(" + castValue(x, DOUBLE) + ", " + castValue(arguments.get(1), DOUBLE) + ")",
                    DOUBLE, result);
            case SQRT, EXP, LN, LOG10 -> cast(DOUBLE_MATH + "." + function.name().toLowerCase() + "(" + castValue(x, DOUBLE) + ")",
                    DOUBLE, result);
            default -> throw unsupported(function + " with " + argumentTypes(call));
        };
    }

    private String abs(String value, DataType result) {
        if (result.kind().isInteger()) {
            return checkRange(INTEGER_MATH + ".abs(" + value + ")", result.kind());
        }
        return switch (JavaRepresentation.of(result)) {
            case LONG -> DECIMAL_MATH + ".abs(" + value + ")";
            case INT128 -> WIDE_DECIMAL_MATH + ".abs(" + generator.holder() + ", " + value + ")";
            case DOUBLE -> "Math.abs(" + value + ")";
            default -> throw unsupported("ABS of " + result);
        };
    }

    private String temporal(Call call, Value a, Value b) {
        Function function = call.function();
        DataType result = call.type();
        TypeKind left = a.type().kind();
        TypeKind right = b.type().kind();
        String x = a.value();
        String y = b.value();
        if (isDatetime(result.kind()) && (function == Function.ADD || function == Function.SUBTRACT)) {
            boolean datetimeFirst = isDatetime(left);
            if (datetimeFirst || function == Function.ADD && isDatetime(right)) {
                Value datetime = datetimeFirst ? a : b;
                Value amount = datetimeFirst ? b : a;
                String signed = function == Function.SUBTRACT ? INTEGER_MATH + ".negate(" + amount.value() + ")" : amount.value();
                return shift(castValue(datetime, result), result.kind(), amount.type().kind(), signed, call);
            }
        }
        if (function == Function.SUBTRACT && isDatetime(left) && isDatetime(right)) {
            return difference(a, b, result, call);
        }
        if (isInterval(result.kind())) {
            boolean leftInterval = isInterval(left);
            Value interval = leftInterval ? a : b;
            Value number = leftInterval ? b : a;
            if (isInterval(left) && isInterval(right) && function == Function.ADD) {
                return INTEGER_MATH + ".add(" + x + ", " + y + ")";
            }
            if (isInterval(left) && isInterval(right) && function == Function.SUBTRACT) {
                return INTEGER_MATH + ".subtract(" + x + ", " + y + ")";
            }
            boolean integral = number.type().kind().isInteger();
            if (function == Function.MULTIPLY) {
                return integral ? INTEGER_MATH + ".multiply(" + interval.value() + ", " + number.value() + ")"
                        : DOUBLE_MATH + ".toLong(" + interval.value() + " * " + castValue(number, DOUBLE) + rangeArguments(TypeKind.BIGINT) + ")";
            }
            if (function == Function.DIVIDE && leftInterval) {
                return integral ? INTEGER_MATH + ".divide(" + interval.value() + ", " + number.value() + ")"
                        : DOUBLE_MATH + ".toLong(" + DOUBLE_MATH + ".divide((double) " + interval.value() + ", "
                        + castValue(number, DOUBLE) + ")" + rangeArguments(TypeKind.BIGINT) + ")";
            }
        }
        throw unsupported(function + " with " + argumentTypes(call) + " giving " + result);
    }

    /** A datetime moved by an interval (or, for DATE, by a number of days). */
    private static String shift(String base, TypeKind result, TypeKind amountKind, String amount, Call call) {
        if (amountKind.isInteger() && result == TypeKind.DATE) {
            return "Math.toIntExact(" + base + " + " + amount + ")";
        }
        boolean months = amountKind == TypeKind.INTERVAL_YEAR_MONTH;
        if (!months && amountKind != TypeKind.INTERVAL_DAY_TIME) {
            throw unsupported(call.function() + " with " + argumentTypes(call));
        }
        return switch (result) {
            case DATE -> DATE_TIMES + (months ? ".addMonthsToDate(" : ".addMillisToDate(") + base + ", " + amount + ")";
            case TIMESTAMP -> DATE_TIMES + (months ? ".addMonthsToTimestamp(" : ".addMillisToTimestamp(") + base + ", " + amount + ")";
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> months
                    ? DATE_TIMES + ".fromLocal(" + DATE_TIMES + ".addMonthsToTimestamp(" + CastCodes.toLocal(base) + ", " + amount + "), zone)"
                    : DATE_TIMES + ".addMillisToTimestamp(" + base + ", " + amount + ")";
            default -> months ? base : DATE_TIMES + ".addMillisToTime(" + base + ", " + amount + ")";
        };
    }

    /** datetime - datetime as days (integer result) or an interval. */
    private String difference(Value a, Value b, DataType result, Call call) {
        TypeKind left = a.type().kind();
        TypeKind right = b.type().kind();
        if (result.kind() == TypeKind.INTERVAL_YEAR_MONTH) {
            return DATE_TIMES + ".monthsBetweenDates(" + castValue(a, DataType.DATE) + ", " + castValue(b, DataType.DATE) + ")";
        }
        if (left == TypeKind.DATE && right == TypeKind.DATE) {
            String days = "((long) " + a.value() + " - " + b.value() + ")";
            if (result.kind().isInteger()) {
                return checkRange(days, result.kind());
            }
            if (result.kind() == TypeKind.INTERVAL_DAY_TIME) {
                return "(" + days + " * 86400000L)";
            }
        }
        if (left == TypeKind.TIME && right == TypeKind.TIME && result.kind() == TypeKind.INTERVAL_DAY_TIME) {
            return "((" + a.value() + " - " + b.value() + ") / 1000L)";
        }
        if (left != TypeKind.TIME && right != TypeKind.TIME) {
            DataType common = left == TypeKind.TIMESTAMP_WITH_LOCAL_TIME_ZONE || right == TypeKind.TIMESTAMP_WITH_LOCAL_TIME_ZONE
                    ? DataType.of(TypeKind.TIMESTAMP_WITH_LOCAL_TIME_ZONE) : DataType.TIMESTAMP;
            String micros = INTEGER_MATH + ".subtract(" + castValue(a, common) + ", " + castValue(b, common) + ")";
            if (result.kind() == TypeKind.INTERVAL_DAY_TIME) {
                return "Math.floorDiv(" + micros + ", 1000L)";
            }
            if (result.kind().isInteger()) {
                return checkRange("Math.floorDiv(" + micros + ", " + DATE_TIMES + ".MICROS_PER_DAY)", result.kind());
            }
        }
        throw unsupported(call.function() + " with " + argumentTypes(call) + " giving " + result);
    }

    private static String methodName(Function function) {
        return switch (function) {
            case ADD -> "add";
            case SUBTRACT -> "subtract";
            case MULTIPLY -> "multiply";
            case DIVIDE -> "divide";
            default -> "modulo";
        };
    }

    private static boolean isTemporal(TypeKind kind) {
        return isDatetime(kind) || isInterval(kind);
    }

    private static boolean isInterval(TypeKind kind) {
        return kind == TypeKind.INTERVAL_DAY_TIME || kind == TypeKind.INTERVAL_YEAR_MONTH;
    }
}
