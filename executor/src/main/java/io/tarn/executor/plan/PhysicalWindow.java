package io.tarn.executor.plan;

import io.tarn.catalog.type.RowSchema;

import java.util.List;

/** Appends one column per window function (group by group, in order) to the input columns. Row order is not kept. */
public record PhysicalWindow(PhysicalNode input, List<WindowGroup> groups, RowSchema schema) implements PhysicalNode {
    @Override
    public List<PhysicalNode> inputs() {
        return List.of(input);
    }

    @Override
    public String toString() {
        return "Window" + groups;
    }
}
