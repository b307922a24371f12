package io.tarn.executor;

import io.tarn.executor.operator.Operator;
import io.tarn.executor.plan.PhysicalNode;
import io.tarn.executor.runtime.QueryScheduler;

/**
 * Turns a physical plan into running operators. The plan is cut at its exchanges into fragments; the root fragment
 * and any fragment fed by a GATHER run as one instance, every other fragment as {@code context.parallelism()}
 * instances on their own threads. Returns the root operator; closing it stops and releases everything.
 */
public final class QueryExecutor {
    private QueryExecutor() {
    }

    public static Operator execute(PhysicalNode plan, ExecutionContext context) {
        return QueryScheduler.schedule(plan, context);
    }
}
