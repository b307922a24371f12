package io.tarn.executor.plan;

import io.tarn.catalog.type.RowSchema;
import io.tarn.executor.expression.Expression;

import java.util.List;

/** Keeps the rows for which {@code condition} is TRUE. */
public record PhysicalFilter(PhysicalNode input, Expression condition) implements PhysicalNode {
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
        return "Filter[" + condition + "]";
    }
}
