package io.tarn.executor.plan;

import io.tarn.catalog.type.RowSchema;

import java.util.List;

/** UNION ALL: every row of every input (inputs have the same column types). */
public record PhysicalUnion(List<PhysicalNode> inputs, RowSchema schema) implements PhysicalNode {
    public PhysicalUnion {
        inputs = List.copyOf(inputs);
    }

    @Override
    public String toString() {
        return "UnionAll";
    }
}
