package io.tarn.planner.fragment;

import io.tarn.executor.plan.PhysicalNode;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.OptionalDouble;

import static java.util.Objects.requireNonNull;

/**
 * The optimizer's row-count estimate per physical node (by identity), kept from lowering so that exchange placement
 * can weigh the inputs of a join. Nodes without an estimate are treated as unknown, never as small.
 */
public final class RowEstimates {
    public static final RowEstimates NONE = new RowEstimates();

    private final Map<PhysicalNode, Double> rows = new IdentityHashMap<>();

    public void put(PhysicalNode node, double estimatedRows) {
        if (this == NONE) {
            throw new IllegalStateException("NONE holds no estimates");
        }
        rows.put(requireNonNull(node, "node is null"), estimatedRows);
    }

    public OptionalDouble of(PhysicalNode node) {
        Double estimate = rows.get(node);
        return estimate == null ? OptionalDouble.empty() : OptionalDouble.of(estimate);
    }
}
