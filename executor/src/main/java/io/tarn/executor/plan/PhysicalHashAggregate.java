package io.tarn.executor.plan;

import io.tarn.catalog.type.RowSchema;
import io.tarn.executor.expression.AggregateCall;

import java.util.Arrays;
import java.util.List;

/**
 * Hash aggregation. Output: the group keys (in {@code groupKeys} order), then one column per aggregate.
 * With {@code groupingSets} (each a subset of groupKeys), rows are grouped once per set and keys outside the set are
 * NULL in that set's rows; GROUPING() calls tell them apart. No group keys and no grouping sets: exactly one row,
 * even on empty input.
 */
public record PhysicalHashAggregate(PhysicalNode input, int[] groupKeys, List<int[]> groupingSets,
                                    List<AggregateCall> aggregates, AggregateStep step,
                                    RowSchema schema) implements PhysicalNode {
    @Override
    public List<PhysicalNode> inputs() {
        return List.of(input);
    }

    @Override
    public String toString() {
        return "HashAggregate[" + step + ", keys=" + Arrays.toString(groupKeys)
                + (groupingSets.isEmpty() ? "" : ", sets=" + groupingSets.stream().map(Arrays::toString).toList())
                + ", " + aggregates + "]";
    }
}
