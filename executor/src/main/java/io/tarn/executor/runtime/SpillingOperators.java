package io.tarn.executor.runtime;

import io.tarn.executor.plan.PhysicalExchange;
import io.tarn.executor.plan.PhysicalHashAggregate;
import io.tarn.executor.plan.PhysicalHashJoin;
import io.tarn.executor.plan.PhysicalNode;
import io.tarn.executor.plan.PhysicalSort;
import io.tarn.executor.plan.PhysicalWindow;

/** Counts the plan nodes whose operators hold memory in proportion to their input and spill when over budget. */
final class SpillingOperators {
    private SpillingOperators() {
    }

    /** Spilling nodes of the fragment rooted at {@code node}, not crossing exchanges. */
    static int countIn(PhysicalNode node) {
        if (node instanceof PhysicalExchange) {
            return 0;
        }
        int count = spills(node) ? 1 : 0;
        for (PhysicalNode input : node.inputs()) {
            count += countIn(input);
        }
        return count;
    }

    private static boolean spills(PhysicalNode node) {
        return node instanceof PhysicalHashJoin || node instanceof PhysicalHashAggregate || node instanceof PhysicalWindow
                // a Top-N holds about twice its limit, however large the input
                || node instanceof PhysicalSort sort && sort.limit() < 0;
    }
}
