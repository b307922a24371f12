package io.tarn.executor.expression;

/**
 * Scalar functions the executor evaluates. Unless noted, a NULL argument gives NULL (strict).
 * Argument types may differ (e.g. INTEGER + DECIMAL); the evaluator computes in the call's result type.
 */
public enum Function {
    // arithmetic; ADD/SUBTRACT also take DATE/TIMESTAMP with an interval (or DATE - DATE → days as INTEGER)
    ADD, SUBTRACT, MULTIPLY, DIVIDE, MODULO, NEGATE,
    // comparison; IS_[NOT_]DISTINCT_FROM are not strict
    EQUAL, NOT_EQUAL, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL,
    IS_DISTINCT_FROM, IS_NOT_DISTINCT_FROM,
    // three-valued logic (not strict)
    AND, OR, NOT,
    // null tests (not strict)
    IS_NULL, IS_NOT_NULL, IS_TRUE, IS_NOT_TRUE, IS_FALSE, IS_NOT_FALSE,
    /** CASE WHEN c1 THEN v1 [WHEN c2 THEN v2 ...] ELSE e: arguments c1, v1, c2, v2, ..., e (not strict). */
    CASE,
    /** First non-null argument (not strict). */
    COALESCE,
    /** Converts the single argument to the call's type; string→number/date parse errors are data exceptions. */
    CAST,
    // strings
    CONCAT,
    /** SUBSTRING(s, start [, length]), 1-based. */
    SUBSTRING,
    /** POSITION(needle IN haystack): arguments needle, haystack; 1-based, 0 when absent. */
    POSITION,
    UPPER, LOWER,
    /** TRIM_*(characters, string). */
    TRIM_BOTH, TRIM_LEADING, TRIM_TRAILING,
    CHAR_LENGTH,
    /** Length in bytes: UTF-8 bytes of a string, bytes of a binary. */
    OCTET_LENGTH,
    /** REPLACE(s, search, replacement). */
    REPLACE,
    /** LIKE(s, pattern [, escape]). */
    LIKE,
    // numeric
    ABS, ROUND, FLOOR, CEIL, POWER, SQRT, EXP, LN, LOG10, SIGN, TRUNCATE,
    /** EXTRACT(unit, datetime): first argument is a VARCHAR literal naming the unit (YEAR, MONTH, DAY, ...). */
    EXTRACT
}
