package io.tarn.planner.engine;

/**
 * What a session measured about the last query it ran, for benchmarks: the time from receiving the statement until
 * its operators were started (parsing, validation, optimization, lowering, parallelization), and the most Arrow
 * memory the query held at once ({@code -1} until its result is closed).
 */
public record QueryProfile(long planningNanos, long peakMemoryBytes) {
}
