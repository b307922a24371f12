package io.tarn.executor.runtime;

import io.tarn.executor.ExecutionContext;
import io.tarn.executor.operator.Operator;
import io.tarn.executor.operator.scan.ScanTaskQueue;
import io.tarn.executor.plan.PhysicalExchange;
import io.tarn.executor.plan.PhysicalNode;
import io.tarn.executor.plan.PhysicalScan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Cuts a plan at its exchanges into fragments, decides each fragment's instance count (1 for the root and for a
 * fragment reading a GATHER, else the context's parallelism), connects the instances with {@link ExchangeQueue}s and
 * registers one {@link FragmentWorker} per non-root instance. Workers start with the root's first {@code next()}.
 */
public final class QueryScheduler {
    private final ExecutionContext context;
    private final QueryRun run;
    private final Map<PhysicalExchange, List<ExchangeQueue>> queuesByExchange = new IdentityHashMap<>();
    /** Filled as the workers plan their fragments, concurrently. */
    private final Map<PhysicalScan, ScanTaskQueue> scanTasks = Collections.synchronizedMap(new IdentityHashMap<>());
    /** Spilling operator instances over all fragments: they share the query's memory budget. */
    private int spillingOperators;

    private QueryScheduler(ExecutionContext context) {
        this.context = context;
        this.run = new QueryRun(context);
    }

    /** Returns the root fragment's operator; closing it stops and releases the whole query. */
    public static Operator schedule(PhysicalNode plan, ExecutionContext context) {
        Objects.requireNonNull(plan, "plan is null");
        Objects.requireNonNull(context, "context is null");
        QueryScheduler scheduler = new QueryScheduler(context);
        scheduler.connectExchangesBelow(plan, 1);
        scheduler.spillingOperators += SpillingOperators.countIn(plan);
        context.spillSpace().divideAmong(scheduler.spillingOperators);
        Operator root = scheduler.planner(0).plan(plan);
        return new RootOperator(root, scheduler.run);
    }

    private LocalExecutionPlanner planner(int instance) {
        return new LocalExecutionPlanner(context, instance, queuesByExchange, scanTasks);
    }

    private void connectExchangesBelow(PhysicalNode fragmentRoot, int consumerInstances) {
        for (PhysicalExchange exchange : exchangesOf(fragmentRoot)) {
            PhysicalNode producerRoot = exchange.input();
            int producerInstances = readsGather(producerRoot) ? 1 : Math.max(1, context.parallelism());
            List<ExchangeQueue> queues = new ArrayList<>();
            for (int consumer = 0; consumer < consumerInstances; consumer++) {
                ExchangeQueue queue = new ExchangeQueue(run, producerInstances);
                queues.add(queue);
                run.addQueue(queue);
            }
            queuesByExchange.put(exchange, queues);
            connectExchangesBelow(producerRoot, producerInstances);
            spillingOperators += producerInstances * SpillingOperators.countIn(producerRoot);
            for (int instance = 0; instance < producerInstances; instance++) {
                LocalExecutionPlanner planner = planner(instance);
                ExchangeSink sink = new ExchangeSink(exchange, queues, context.allocator());
                run.addWorker(new FragmentWorker(run, () -> planner.plan(producerRoot), sink));
            }
        }
    }

    /** The exchanges directly feeding the fragment rooted at {@code node} (not crossing other exchanges). */
    private static List<PhysicalExchange> exchangesOf(PhysicalNode node) {
        List<PhysicalExchange> found = new ArrayList<>();
        collectExchanges(node, found);
        return found;
    }

    private static void collectExchanges(PhysicalNode node, List<PhysicalExchange> found) {
        if (node instanceof PhysicalExchange exchange) {
            found.add(exchange);
            return;
        }
        for (PhysicalNode input : node.inputs()) {
            collectExchanges(input, found);
        }
    }

    private static boolean readsGather(PhysicalNode fragmentRoot) {
        return exchangesOf(fragmentRoot).stream().anyMatch(e -> e.kind() == PhysicalExchange.Kind.GATHER);
    }
}
