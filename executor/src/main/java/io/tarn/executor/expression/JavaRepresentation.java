package io.tarn.executor.expression;

import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.TypeKind;
import io.tarn.executor.ExecutionException;
import io.tarn.executor.expression.runtime.Int128;

/**
 * How generated code holds a value of each SQL type: integers, times, timestamps, intervals and DECIMAL(p <= 18)
 * (unscaled) as long; DATE as int; REAL/DOUBLE as double; wider DECIMAL (unscaled) as an {@link Int128} holder owned by
 * the node computing it (see {@link SourceGenerator#holder()}); strings and binaries as UTF-8 byte[]; BOOLEAN (and the
 * NULL type) as boolean.
 */
enum JavaRepresentation {
    BOOLEAN("boolean", "false"),
    LONG("long", "0L"),
    INT("int", "0"),
    DOUBLE("double", "0.0"),
    INT128(CastCodes.INT128, "null"),
    BYTES("byte[]", "null");

    /** Largest DECIMAL precision held as an unscaled long. */
    static final int MAX_LONG_DECIMAL_PRECISION = 18;

    final String javaType;
    final String defaultValue;

    JavaRepresentation(String javaType, String defaultValue) {
        this.javaType = javaType;
        this.defaultValue = defaultValue;
    }

    static JavaRepresentation of(DataType type) {
        return switch (type.kind()) {
            case NULL, BOOLEAN -> BOOLEAN;
            case TINYINT, SMALLINT, INTEGER, BIGINT, TIME, TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE,
                 INTERVAL_DAY_TIME, INTERVAL_YEAR_MONTH -> LONG;
            case DECIMAL -> isLongDecimal(type) ? LONG : INT128;
            case REAL, DOUBLE -> DOUBLE;
            case DATE -> INT;
            case CHAR, VARCHAR, BINARY, VARBINARY -> BYTES;
            case STRUCT, LIST, MAP -> throw new ExecutionException(ExecutionException.INTERNAL_ERROR,
                    "expressions over " + type + " values are not supported");
        };
    }

    static boolean isLongDecimal(DataType type) {
        return type.kind() == TypeKind.DECIMAL && type.precision() <= MAX_LONG_DECIMAL_PRECISION;
    }

    static boolean isWideDecimal(DataType type) {
        return type.kind() == TypeKind.DECIMAL && type.precision() > MAX_LONG_DECIMAL_PRECISION;
    }

    /** Integers and DECIMAL(p <= 18): exact numbers held as an unscaled long. */
    static boolean isExactLong(DataType type) {
        return type.kind().isInteger() || isLongDecimal(type);
    }

    /** The scale of an exact number (0 for integers). */
    static int scale(DataType type) {
        return type.kind() == TypeKind.DECIMAL ? type.scale() : 0;
    }
}
