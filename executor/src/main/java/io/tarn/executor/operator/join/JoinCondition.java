package io.tarn.executor.operator.join;

import io.tarn.catalog.type.Batch;

/** A join's non-equi condition evaluated over candidate pairs laid out as left columns then right columns. */
@FunctionalInterface
public interface JoinCondition {
    /** Writes the indexes of the rows of {@code pairs} for which the condition is TRUE into {@code selected}; returns their count. */
    int select(Batch pairs, int[] selected);
}
