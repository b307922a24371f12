package io.tarn.executor.expression;

import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.TypeKind;
import io.tarn.executor.ExecutionException;

import static io.tarn.executor.expression.JavaRepresentation.isLongDecimal;
import static io.tarn.executor.expression.JavaRepresentation.scale;

/**
 * Java source for converting a non-null value between SQL types (CAST and implicit coercions). Narrowing numbers
 * round half away from zero and raise 22003 when out of range; text parses raise 22018/22007.
 */
final class CastCodes {
    private static final String RT = "io.tarn.executor.expression.runtime.";
    static final String INTEGER_MATH = RT + "IntegerMath";
    static final String DECIMAL_MATH = RT + "DecimalMath";
    static final String WIDE_DECIMAL_MATH = RT + "WideDecimalMath";
    static final String INT128 = RT + "Int128";
    static final String DOUBLE_MATH = RT + "DoubleMath";
    static final String STRINGS = RT + "Strings";
    static final String CASTS = RT + "Casts";
    static final String DATE_TIMES = RT + "DateTimes";
    static final String LIKE_MATCHER = RT + "LikeMatcher";

    private CastCodes() {
    }

    /**
     * Java code converting {@code value} (an expression of {@code from}'s representation) to {@code to}'s; a
     * conversion to DECIMAL(19..38) computes into a new holder of {@code generator}.
     */
    static String cast(String value, DataType from, DataType to, SourceGenerator generator) {
        TypeKind source = from.kind();
        if (source == TypeKind.NULL) {
            return JavaRepresentation.of(to).defaultValue;
        }
        if (from.sameTypeAs(to)) {
            return value;
        }
        String code = switch (to.kind()) {
            case BOOLEAN -> toBoolean(value, from);
            case TINYINT, SMALLINT, INTEGER, BIGINT -> toInteger(value, from, to, generator);
            case DECIMAL -> isLongDecimal(to) ? toLongDecimal(value, from, to, generator) : toWideDecimal(value, from, to, generator);
            case REAL, DOUBLE -> toDouble(value, from, to);
            case CHAR, VARCHAR -> toText(value, from, to);
            case BINARY, VARBINARY -> source.isString() || source == TypeKind.BINARY || source == TypeKind.VARBINARY ? value : null;
            case DATE -> toDate(value, from);
            case TIME -> toTime(value, from);
            case TIMESTAMP -> toTimestamp(value, from);
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> toInstant(value, from);
            case INTERVAL_DAY_TIME, INTERVAL_YEAR_MONTH -> source == to.kind() || source.isInteger() ? value : null;
            default -> null;
        };
        if (code == null) {
            throw unsupported("CAST from " + from + " to " + to);
        }
        return code;
    }

    static ExecutionException unsupported(String what) {
        return new ExecutionException(ExecutionException.INTERNAL_ERROR, "unsupported expression: " + what);
    }

    private static String longLiteral(long value) {
        return value == Long.MIN_VALUE ? "Long.MIN_VALUE" : "(" + value + "L)";
    }

    private static long minimum(TypeKind kind) {
        return switch (kind) {
            case TINYINT -> Byte.MIN_VALUE;
            case SMALLINT -> Short.MIN_VALUE;
            case INTEGER -> Integer.MIN_VALUE;
            default -> Long.MIN_VALUE;
        };
    }

    private static long maximum(TypeKind kind) {
        return switch (kind) {
            case TINYINT -> Byte.MAX_VALUE;
            case SMALLINT -> Short.MAX_VALUE;
            case INTEGER -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
    }

    /** ", min, max, \"TYPE\"" arguments of the range-checking helpers. */
    static String rangeArguments(TypeKind kind) {
        return ", " + longLiteral(minimum(kind)) + ", " + longLiteral(maximum(kind)) + ", \"" + kind + "\"";
    }

    /** {@code value} (a long) checked to fit integer type {@code kind}. */
    static String checkRange(String value, TypeKind kind) {
        return kind == TypeKind.BIGINT ? value : INTEGER_MATH + ".checkRange(" + value + rangeArguments(kind) + ")";
    }

    private static String toBoolean(String value, DataType from) {
        if (from.kind().isInteger()) {
            return "(" + value + " != 0L)";
        }
        return from.kind().isString() ? CASTS + ".parseBoolean(" + value + ")" : null;
    }

    private static String toInteger(String value, DataType from, DataType to, SourceGenerator generator) {
        TypeKind kind = to.kind();
        if (from.kind().isInteger()) {
            return maximum(from.kind()) <= maximum(kind) ? value : checkRange(value, kind);
        }
        return switch (from.kind()) {
            case DECIMAL -> isLongDecimal(from)
                    ? DECIMAL_MATH + ".toLong(" + value + ", " + from.scale() + rangeArguments(kind) + ")"
                    : WIDE_DECIMAL_MATH + ".toLong(" + generator.holder() + ", " + value + ", " + from.scale() + rangeArguments(kind) + ")";
            case REAL, DOUBLE -> DOUBLE_MATH + ".toLong(" + value + rangeArguments(kind) + ")";
            case CHAR, VARCHAR -> CASTS + ".parseLong(" + value + rangeArguments(kind) + ")";
            case BOOLEAN -> "(" + value + " ? 1L : 0L)";
            case INTERVAL_DAY_TIME, INTERVAL_YEAR_MONTH -> checkRange(value, kind);
            default -> null;
        };
    }

    private static String toLongDecimal(String value, DataType from, DataType to, SourceGenerator generator) {
        String target = to.scale() + ", " + to.precision();
        if (from.kind().isInteger()) {
            return DECIMAL_MATH + ".fromLong(" + value + ", " + target + ")";
        }
        return switch (from.kind()) {
            case DECIMAL -> isLongDecimal(from)
                    ? DECIMAL_MATH + ".rescale(" + value + ", " + from.scale() + ", " + target + ")"
                    // checked against a precision <= 18, so the low word is the whole value
                    : WIDE_DECIMAL_MATH + ".rescale(" + generator.holder() + ", " + value + ", " + from.scale() + ", " + target + ").low";
            case REAL, DOUBLE -> DECIMAL_MATH + ".fromDouble(" + value + ", " + target + ")";
            case CHAR, VARCHAR -> CASTS + ".parseDecimal(" + value + ", " + target + ")";
            default -> null;
        };
    }

    private static String toWideDecimal(String value, DataType from, DataType to, SourceGenerator generator) {
        String arguments = generator.holder() + ", " + value + ", ";
        String target = to.scale() + ", " + to.precision();
        if (from.kind().isInteger() || from.kind() == TypeKind.DECIMAL) {
            return WIDE_DECIMAL_MATH + ".rescale(" + arguments + scale(from) + ", " + target + ")";
        }
        return switch (from.kind()) {
            case REAL, DOUBLE -> WIDE_DECIMAL_MATH + ".fromDouble(" + arguments + target + ")";
            case CHAR, VARCHAR -> CASTS + ".parseDecimal(" + arguments + target + ")";
            default -> null;
        };
    }

    private static String toDouble(String value, DataType from, DataType to) {
        String asDouble;
        if (from.kind().isInteger()) {
            asDouble = "((double) " + value + ")";
        } else {
            asDouble = switch (from.kind()) {
                case DECIMAL -> (isLongDecimal(from) ? DECIMAL_MATH : WIDE_DECIMAL_MATH) + ".toDouble(" + value + ", "
                        + from.scale() + ")";
                case REAL, DOUBLE -> value;
                case CHAR, VARCHAR -> CASTS + ".parseDouble(" + value + ")";
                default -> null;
            };
        }
        if (asDouble == null || to.kind() == TypeKind.DOUBLE) {
            return asDouble;
        }
        return "((double) (float) " + asDouble + ")";
    }

    private static String toText(String value, DataType from, DataType to) {
        String text;
        if (from.kind().isInteger()) {
            text = CASTS + ".toText(" + value + ")";
        } else {
            text = switch (from.kind()) {
                case CHAR, VARCHAR, BINARY, VARBINARY -> value;
                case DECIMAL -> CASTS + ".decimalToText(" + value + ", " + from.scale() + ")";
                case BOOLEAN -> CASTS + ".toText(" + value + ")";
                case DOUBLE -> CASTS + ".doubleToText(" + value + ")";
                case REAL -> CASTS + ".realToText(" + value + ")";
                case DATE -> CASTS + ".dateToText(" + value + ")";
                case TIME -> CASTS + ".timeToText(" + value + ")";
                case TIMESTAMP -> CASTS + ".timestampToText(" + value + ")";
                case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> CASTS + ".timestampToText(" + toLocal(value) + ")";
                default -> null;
            };
        }
        boolean fits = from.kind() == TypeKind.VARCHAR && from.precision() >= 0 && from.precision() <= to.precision();
        if (text == null || to.precision() < 0 || (to.kind() == TypeKind.VARCHAR && fits)) {
            return text;
        }
        return STRINGS + (to.kind() == TypeKind.CHAR ? ".pad(" : ".truncate(") + text + ", " + to.precision() + ")";
    }

    private static String toDate(String value, DataType from) {
        return switch (from.kind()) {
            case TIMESTAMP -> DATE_TIMES + ".microsToDate(" + value + ")";
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> DATE_TIMES + ".microsToDate(" + toLocal(value) + ")";
            case CHAR, VARCHAR -> CASTS + ".parseDate(" + value + ")";
            default -> null;
        };
    }

    private static String toTime(String value, DataType from) {
        return switch (from.kind()) {
            case TIMESTAMP -> DATE_TIMES + ".microsToTime(" + value + ")";
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> DATE_TIMES + ".microsToTime(" + toLocal(value) + ")";
            case CHAR, VARCHAR -> CASTS + ".parseTime(" + value + ")";
            default -> null;
        };
    }

    private static String toTimestamp(String value, DataType from) {
        return switch (from.kind()) {
            case DATE -> DATE_TIMES + ".dateToMicros(" + value + ")";
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> toLocal(value);
            case CHAR, VARCHAR -> CASTS + ".parseTimestamp(" + value + ")";
            default -> null;
        };
    }

    private static String toInstant(String value, DataType from) {
        String local = switch (from.kind()) {
            case DATE -> DATE_TIMES + ".dateToMicros(" + value + ")";
            case TIMESTAMP -> value;
            case CHAR, VARCHAR -> CASTS + ".parseTimestamp(" + value + ")";
            default -> null;
        };
        return local == null ? null : DATE_TIMES + ".fromLocal(" + local + ", zone)";
    }

    static String toLocal(String instant) {
        return DATE_TIMES + ".toLocal(" + instant + ", zone)";
    }
}
