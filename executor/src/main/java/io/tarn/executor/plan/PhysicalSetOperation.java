package io.tarn.executor.plan;

import io.tarn.catalog.type.RowSchema;

import java.util.List;

/**
 * INTERSECT / EXCEPT [ALL] over whole rows, NULLs comparing equal. With ALL a row appears min(m, n) times (INTERSECT)
 * or max(m - n, 0) times (EXCEPT) for m copies in the first input and n in the other(s).
 */
public record PhysicalSetOperation(Kind kind, boolean all, List<PhysicalNode> inputs, RowSchema schema) implements PhysicalNode {
    public enum Kind { INTERSECT, EXCEPT }

    public PhysicalSetOperation {
        inputs = List.copyOf(inputs);
    }

    @Override
    public String toString() {
        return kind + (all ? " ALL" : "");
    }
}
