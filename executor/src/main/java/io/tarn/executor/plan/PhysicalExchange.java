package io.tarn.executor.plan;

import io.tarn.catalog.type.RowSchema;

import java.util.Arrays;
import java.util.List;

/**
 * Where the plan is cut into fragments. The fragment below runs as {@code parallelism} instances (threads now,
 * machines later). GATHER delivers all rows to a single consumer instance; HASH sends each row to consumer
 * instance hash(keys) mod n; BROADCAST sends every row to every consumer instance.
 */
public record PhysicalExchange(PhysicalNode input, Kind kind, int[] keys) implements PhysicalNode {
    public enum Kind { GATHER, HASH, BROADCAST }

    @Override
    public RowSchema schema() {
        return input.schema();
    }

    @Override
    public List<PhysicalNode> inputs() {
        return List.of(input);
    }

    @Override
    public String toString() {
        return "Exchange[" + kind + (kind == Kind.HASH ? ", keys=" + Arrays.toString(keys) : "") + "]";
    }
}
