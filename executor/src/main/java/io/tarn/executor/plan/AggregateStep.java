package io.tarn.executor.plan;

/**
 * SINGLE aggregates raw rows completely. PARTIAL emits per-instance intermediate states (for AVG: sum and count
 * columns; for VAR/STDDEV: count, sum, sum of squares) that a FINAL step behind a hash exchange merges.
 */
public enum AggregateStep {
    SINGLE, PARTIAL, FINAL
}
