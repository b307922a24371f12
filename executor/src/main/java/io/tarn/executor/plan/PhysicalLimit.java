package io.tarn.executor.plan;

import io.tarn.catalog.type.RowSchema;

import java.util.List;

/** Skips {@code offset} rows then passes at most {@code limit} rows (-1 = no limit), in input order. */
public record PhysicalLimit(PhysicalNode input, long offset, long limit) implements PhysicalNode {
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
        return "Limit[" + (offset > 0 ? "offset=" + offset + ", " : "") + "limit=" + limit + "]";
    }
}
