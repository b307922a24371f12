package io.tarn.executor.plan;

import io.tarn.catalog.type.RowSchema;
import io.tarn.executor.expression.Expression;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Equi-join: builds a hash table on {@code right} (the build side), probes it with {@code left}. Keys compare with SQL
 * equality (NULL never matches) unless {@code nullsEqual[i]} (IS NOT DISTINCT FROM). {@code residual} is evaluated over
 * left columns followed by right columns. Output: left columns, then right columns (unless SEMI/ANTI).
 */
public record PhysicalHashJoin(PhysicalNode left, PhysicalNode right, JoinType joinType, int[] leftKeys,
                               int[] rightKeys, boolean[] nullsEqual, Optional<Expression> residual,
                               RowSchema schema) implements PhysicalNode {
    @Override
    public List<PhysicalNode> inputs() {
        return List.of(left, right);
    }

    @Override
    public String toString() {
        return "HashJoin[" + joinType + ", left=" + Arrays.toString(leftKeys) + ", right=" + Arrays.toString(rightKeys)
                + residual.map(r -> ", residual=" + r).orElse("") + "]";
    }
}
