package io.tarn.executor.plan;

import io.tarn.catalog.type.RowSchema;

import java.util.List;

/** Literal rows (canonical Java values); only instance 0 of a parallel fragment emits them. */
public record PhysicalValues(List<List<Object>> rows, RowSchema schema) implements PhysicalNode {
    @Override
    public List<PhysicalNode> inputs() {
        return List.of();
    }

    @Override
    public String toString() {
        return "Values[rows=" + rows.size() + "]";
    }
}
