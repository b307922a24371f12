package io.tarn.executor.expression;

/** Aggregate functions of {@link io.tarn.executor.plan.PhysicalHashAggregate} and window frames. */
public enum AggregateFunction {
    /** COUNT(*) with no arguments, COUNT(x) counts non-null x. */
    COUNT,
    SUM, AVG, MIN, MAX,
    ANY_VALUE,
    /** Errors (SQLState 21000) when a group has more than one row; used for scalar subqueries. */
    SINGLE_VALUE,
    BOOL_AND, BOOL_OR,
    STDDEV_POP, STDDEV_SAMP, VAR_POP, VAR_SAMP,
    /** GROUPING(k1, ...): bit i (from the right, last argument = bit 0) is 1 when argument key i is not grouped. */
    GROUPING
}
