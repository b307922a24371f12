package io.tarn.executor.plan;

import io.tarn.catalog.type.RowSchema;

import java.util.List;

/** Sorts by keys; with {@code limit >= 0} it is a Top-N that keeps only offset + limit rows, then skips offset. */
public record PhysicalSort(PhysicalNode input, List<SortKey> keys, long offset, long limit) implements PhysicalNode {
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
        return (limit >= 0 ? "TopN[limit=" + limit + ", " : "Sort[") + (offset > 0 ? "offset=" + offset + ", " : "")
                + keys + "]";
    }
}
