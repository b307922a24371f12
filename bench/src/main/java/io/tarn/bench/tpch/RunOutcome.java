package io.tarn.bench.tpch;

import java.util.List;

/**
 * One run of one query on one engine. {@code totalNanos} covers every statement of the query and reading all rows;
 * {@code planningNanos} and {@code peakMemoryBytes} are -1 when the engine does not report them.
 */
public record RunOutcome(Status status, List<List<Object>> rows, long totalNanos, long planningNanos,
                         long peakMemoryBytes, String error) {

    public enum Status { OK, ERROR, TIMEOUT }

    static RunOutcome ok(List<List<Object>> rows, long totalNanos, long planningNanos, long peakMemoryBytes) {
        return new RunOutcome(Status.OK, rows, totalNanos, planningNanos, peakMemoryBytes, null);
    }

    static RunOutcome failed(Status status, String error) {
        return new RunOutcome(status, List.of(), -1, -1, -1, error);
    }

    public boolean ok() {
        return status == Status.OK;
    }
}
