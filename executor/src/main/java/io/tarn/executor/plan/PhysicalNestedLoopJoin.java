package io.tarn.executor.plan;

import io.tarn.catalog.type.RowSchema;
import io.tarn.executor.expression.Expression;

import java.util.List;
import java.util.Optional;

/**
 * Join without equi-keys: materializes {@code right}, evaluates {@code condition} (over left then right columns;
 * empty = cross join) for every pair. Output as in {@link PhysicalHashJoin}.
 */
public record PhysicalNestedLoopJoin(PhysicalNode left, PhysicalNode right, JoinType joinType,
                                     Optional<Expression> condition, RowSchema schema) implements PhysicalNode {
    @Override
    public List<PhysicalNode> inputs() {
        return List.of(left, right);
    }

    @Override
    public String toString() {
        return "NestedLoopJoin[" + joinType + condition.map(c -> ", " + c).orElse("") + "]";
    }
}
