package io.tarn.executor.plan;

import io.tarn.catalog.type.RowSchema;
import io.tarn.executor.expression.Expression;

import java.util.List;

/** Computes one output column per expression. */
public record PhysicalProject(PhysicalNode input, List<Expression> expressions, RowSchema schema) implements PhysicalNode {
    @Override
    public List<PhysicalNode> inputs() {
        return List.of(input);
    }

    @Override
    public String toString() {
        return "Project" + expressions;
    }
}
