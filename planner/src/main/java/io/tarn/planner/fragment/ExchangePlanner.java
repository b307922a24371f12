package io.tarn.planner.fragment;

import io.tarn.executor.plan.PhysicalExchange;
import io.tarn.executor.plan.PhysicalFilter;
import io.tarn.executor.plan.PhysicalHashAggregate;
import io.tarn.executor.plan.PhysicalHashJoin;
import io.tarn.executor.plan.PhysicalLimit;
import io.tarn.executor.plan.PhysicalNestedLoopJoin;
import io.tarn.executor.plan.PhysicalNode;
import io.tarn.executor.plan.PhysicalProject;
import io.tarn.executor.plan.PhysicalScan;
import io.tarn.executor.plan.PhysicalSetOperation;
import io.tarn.executor.plan.PhysicalSort;
import io.tarn.executor.plan.PhysicalUnion;
import io.tarn.executor.plan.PhysicalValues;
import io.tarn.executor.plan.PhysicalWindow;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Inserts exchanges so a plan runs on several threads (and, later, machines). Each node's output is either
 * PARTITIONED (spread over the instances of its fragment) or SINGLE (all rows in one instance):
 * <pre>
 * Scan, Values, and Filter/Project over a partitioned input  → partitioned
 * HashJoin        → both inputs HASH-exchanged on the join keys → partitioned
 * HashAggregate   → input HASH-exchanged on the group keys → partitioned (no keys: GATHER → single)
 * Window          → input HASH-exchanged on the partition keys → partitioned (no keys: GATHER → single)
 * Intersect/Except→ inputs HASH-exchanged on all columns → partitioned
 * Top-N           → per-instance Top-N, GATHER, final Top-N → single
 * Sort, Limit, nested-loop join, mixed Union → partitioned inputs GATHERed → single
 * root            → GATHER when partitioned
 * </pre>
 */
public final class ExchangePlanner {
    private ExchangePlanner() {
    }

    private enum Distribution { PARTITIONED, SINGLE }

    private record Placed(PhysicalNode node, Distribution distribution) {
    }

    public static PhysicalNode parallelize(PhysicalNode plan, int threads) {
        if (threads <= 1) {
            return plan;
        }
        Placed root = place(plan);
        return root.distribution == Distribution.PARTITIONED ? gather(root.node) : root.node;
    }

    private static Placed place(PhysicalNode node) {
        if (node instanceof PhysicalScan || node instanceof PhysicalValues) {
            return new Placed(node, Distribution.PARTITIONED);
        }
        if (node instanceof PhysicalFilter filter) {
            Placed input = place(filter.input());
            return new Placed(new PhysicalFilter(input.node, filter.condition()), input.distribution);
        }
        if (node instanceof PhysicalProject project) {
            Placed input = place(project.input());
            return new Placed(new PhysicalProject(input.node, project.expressions(), project.schema()), input.distribution);
        }
        if (node instanceof PhysicalHashJoin join) {
            PhysicalNode left = hash(place(join.left()).node, join.leftKeys());
            PhysicalNode right = hash(place(join.right()).node, join.rightKeys());
            return new Placed(new PhysicalHashJoin(left, right, join.joinType(), join.leftKeys(), join.rightKeys(),
                    join.nullsEqual(), join.residual(), join.schema()), Distribution.PARTITIONED);
        }
        if (node instanceof PhysicalHashAggregate aggregate) {
            Placed input = place(aggregate.input());
            if (aggregate.groupKeys().length == 0 || !aggregate.groupingSets().isEmpty()) {
                // grouping sets null out keys per set, so rows of one output group may have different key values
                return single(new PhysicalHashAggregate(singleOf(input), aggregate.groupKeys(), aggregate.groupingSets(),
                        aggregate.aggregates(), aggregate.step(), aggregate.schema()));
            }
            return new Placed(new PhysicalHashAggregate(hash(input.node, aggregate.groupKeys()), aggregate.groupKeys(),
                    aggregate.groupingSets(), aggregate.aggregates(), aggregate.step(), aggregate.schema()), Distribution.PARTITIONED);
        }
        if (node instanceof PhysicalWindow window) {
            Placed input = place(window.input());
            int[] keys = window.groups().get(0).partitionKeys();
            boolean samePartitioning = window.groups().stream().allMatch(g -> java.util.Arrays.equals(g.partitionKeys(), keys));
            if (keys.length == 0 || !samePartitioning) {
                return single(new PhysicalWindow(singleOf(input), window.groups(), window.schema()));
            }
            return new Placed(new PhysicalWindow(hash(input.node, keys), window.groups(), window.schema()), Distribution.PARTITIONED);
        }
        if (node instanceof PhysicalSetOperation setOperation) {
            int[] allColumns = IntStream.range(0, setOperation.schema().size()).toArray();
            List<PhysicalNode> inputs = new ArrayList<>();
            for (PhysicalNode input : setOperation.inputs()) {
                inputs.add(hash(place(input).node, allColumns));
            }
            return new Placed(new PhysicalSetOperation(setOperation.kind(), setOperation.all(), inputs, setOperation.schema()),
                    Distribution.PARTITIONED);
        }
        if (node instanceof PhysicalUnion union) {
            List<Placed> placed = union.inputs().stream().map(ExchangePlanner::place).toList();
            if (placed.stream().allMatch(p -> p.distribution == Distribution.PARTITIONED)) {
                return new Placed(new PhysicalUnion(placed.stream().map(Placed::node).toList(), union.schema()), Distribution.PARTITIONED);
            }
            return single(new PhysicalUnion(placed.stream().map(ExchangePlanner::singleOf).toList(), union.schema()));
        }
        if (node instanceof PhysicalSort sort) {
            Placed input = place(sort.input());
            if (sort.limit() >= 0 && input.distribution == Distribution.PARTITIONED) {
                PhysicalNode local = new PhysicalSort(input.node, sort.keys(), 0, sort.offset() + sort.limit());
                return single(new PhysicalSort(gather(local), sort.keys(), sort.offset(), sort.limit()));
            }
            return single(new PhysicalSort(singleOf(input), sort.keys(), sort.offset(), sort.limit()));
        }
        if (node instanceof PhysicalLimit limit) {
            Placed input = place(limit.input());
            if (limit.limit() >= 0 && input.distribution == Distribution.PARTITIONED) {
                PhysicalNode local = new PhysicalLimit(input.node, 0, limit.offset() + limit.limit());
                return single(new PhysicalLimit(gather(local), limit.offset(), limit.limit()));
            }
            return single(new PhysicalLimit(singleOf(input), limit.offset(), limit.limit()));
        }
        if (node instanceof PhysicalNestedLoopJoin join) {
            return single(new PhysicalNestedLoopJoin(singleOf(place(join.left())), singleOf(place(join.right())),
                    join.joinType(), join.condition(), join.schema()));
        }
        if (node instanceof PhysicalExchange) {
            throw new IllegalArgumentException("plan already has exchanges");
        }
        throw new IllegalArgumentException("unknown plan node " + node.getClass().getSimpleName());
    }

    private static Placed single(PhysicalNode node) {
        return new Placed(node, Distribution.SINGLE);
    }

    private static PhysicalNode singleOf(Placed placed) {
        return placed.distribution == Distribution.PARTITIONED ? gather(placed.node) : placed.node;
    }

    private static PhysicalNode gather(PhysicalNode node) {
        return new PhysicalExchange(node, PhysicalExchange.Kind.GATHER, new int[0]);
    }

    private static PhysicalNode hash(PhysicalNode node, int[] keys) {
        return new PhysicalExchange(node, PhysicalExchange.Kind.HASH, keys.clone());
    }
}
