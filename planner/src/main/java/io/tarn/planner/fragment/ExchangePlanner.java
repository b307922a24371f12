package io.tarn.planner.fragment;

import io.tarn.catalog.type.RowSchema;
import io.tarn.executor.operator.aggregate.AggregateStates;
import io.tarn.executor.plan.AggregateStep;
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
import io.tarn.executor.vector.IntegerColumns;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.IntStream;

import static java.util.Objects.requireNonNull;

/**
 * Inserts exchanges so a plan runs on several threads (and, later, machines). Each node's output is either
 * PARTITIONED (spread over the instances of its fragment) or SINGLE (all rows in one instance):
 * <pre>
 * Scan, Values, and Filter/Project over a partitioned input  → partitioned
 * HashJoin        → both inputs HASH-exchanged on the join keys → partitioned; or, when the estimates say the build
 *                   side is small next to the probe side, the build side BROADCAST to the probe's instances
 * HashAggregate   → over a partitioned input, PARTIAL per instance, its states HASH-exchanged on the keys, FINAL →
 *                   partitioned (no keys: GATHER → single); grouping sets, DISTINCT and nearly unique keys: input
 *                   HASH-exchanged on the group keys → partitioned (no keys: GATHER → single)
 * Window          → input HASH-exchanged on the partition keys → partitioned (no keys: GATHER → single)
 * Intersect/Except→ inputs HASH-exchanged on all columns → partitioned
 * Top-N           → per-instance Top-N, GATHER, final Top-N → single
 * Sort, Limit, nested-loop join, mixed Union → partitioned inputs GATHERed → single
 * root            → GATHER when partitioned
 * </pre>
 */
public final class ExchangePlanner {
    /**
     * A build side above this many estimated rows is never broadcast: every instance would hold its own hash table.
     */
    private static final double MAX_BROADCAST_ROWS = 1_000_000;

    /**
     * A probe side of this many estimated rows or more is worth spreading over all instances: a broadcast join runs
     * where its probe rows are read, so a probe side read by fewer instances than there are threads (a table of one
     * row group, as TPC-H's customer at SF 1) would leave the other threads idle. Below it, one thread is quicker
     * than an exchange.
     */
    private static final double MIN_SPREAD_PROBE_ROWS = 100_000;

    /** How many input rows per group, by the estimates, make a PARTIAL aggregation step worth it. */
    private static final double MIN_PARTIAL_REDUCTION = 4;

    private final int threads;
    private final RowEstimates estimates;

    private ExchangePlanner(int threads, RowEstimates estimates) {
        this.threads = threads;
        this.estimates = estimates;
    }

    private enum Distribution { PARTITIONED, SINGLE }

    private record Placed(PhysicalNode node, Distribution distribution) {
    }

    public static PhysicalNode parallelize(PhysicalNode plan, int threads) {
        return parallelize(plan, threads, RowEstimates.NONE);
    }

    /** Places exchanges for {@code threads} instances per fragment, using row estimates to pick broadcast joins. */
    public static PhysicalNode parallelize(PhysicalNode plan, int threads, RowEstimates estimates) {
        requireNonNull(plan, "plan is null");
        requireNonNull(estimates, "estimates is null");
        if (threads <= 1) {
            return plan;
        }
        Placed root = new ExchangePlanner(threads, estimates).place(plan);
        return root.distribution == Distribution.PARTITIONED ? gather(root.node) : root.node;
    }

    private Placed place(PhysicalNode node) {
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
            Placed probe = place(join.left());
            if (probe.distribution == Distribution.PARTITIONED && broadcastPays(join, probe.node)) {
                PhysicalNode build = new PhysicalExchange(place(join.right()).node, PhysicalExchange.Kind.BROADCAST, new int[0]);
                return new Placed(new PhysicalHashJoin(probe.node, build, join.joinType(), join.leftKeys(), join.rightKeys(),
                        join.nullsEqual(), join.residual(), join.schema()), Distribution.PARTITIONED);
            }
            PhysicalNode left = hash(probe.node, join.leftKeys());
            PhysicalNode right = hash(place(join.right()).node, join.rightKeys());
            return new Placed(new PhysicalHashJoin(left, right, join.joinType(), join.leftKeys(), join.rightKeys(),
                    join.nullsEqual(), join.residual(), join.schema()), Distribution.PARTITIONED);
        }
        if (node instanceof PhysicalHashAggregate aggregate) {
            Placed input = place(aggregate.input());
            if (input.distribution == Distribution.PARTITIONED && aggregate.step() == AggregateStep.SINGLE
                    && aggregate.groupingSets().isEmpty() && aggregate.aggregates().stream().allMatch(AggregateStates::splittable)
                    && partialAggregationPays(aggregate)) {
                return splitAggregate(aggregate, input.node);
            }
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
            boolean samePartitioning = window.groups().stream().allMatch(g -> Arrays.equals(g.partitionKeys(), keys));
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
            List<Placed> placed = union.inputs().stream().map(this::place).toList();
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

    /**
     * Whether to send the whole build side to every instance instead of repartitioning both sides: only for joins
     * whose output rows come from probe rows (a build row's non-match would otherwise be reported by every
     * instance), only when copying the build side to each instance moves fewer rows than repartitioning the probe,
     * and only when the probe side is read by every instance (or is small, see {@link #MIN_SPREAD_PROBE_ROWS}).
     */
    private boolean broadcastPays(PhysicalHashJoin join, PhysicalNode placedProbe) {
        boolean probePreserving = switch (join.joinType()) {
            case INNER, LEFT, SEMI, ANTI -> true;
            case RIGHT, FULL, RIGHT_SEMI, RIGHT_ANTI -> false;
        };
        OptionalDouble probeRows = estimates.of(join.left());
        OptionalDouble buildRows = estimates.of(join.right());
        return probePreserving && probeRows.isPresent() && buildRows.isPresent()
                && buildRows.getAsDouble() <= MAX_BROADCAST_ROWS
                && buildRows.getAsDouble() * (threads - 1) < probeRows.getAsDouble()
                && (instancesReading(placedProbe) >= threads || probeRows.getAsDouble() < MIN_SPREAD_PROBE_ROWS);
    }

    /** How many instances produce the rows of a placed, partitioned {@code node}. */
    private int instancesReading(PhysicalNode node) {
        if (node instanceof PhysicalScan scan) {
            return Math.min(threads, scan.scanPlan().tasks().size());
        }
        if (node instanceof PhysicalValues) {
            return 1;
        }
        if (node instanceof PhysicalFilter || node instanceof PhysicalProject) {
            return instancesReading(node.inputs().get(0));
        }
        if (node instanceof PhysicalHashJoin join) {
            return instancesReading(join.left()); // a broadcast join's rows come from its probe side's instances
        }
        return threads; // an exchange's consumers, or several inputs (a union)
    }

    /**
     * Whether aggregating before the exchange shrinks the rows enough to pay for a second hash table: unless the
     * estimates say the groups are at least a quarter of the input rows (nearly unique keys, as q4's DISTINCT order
     * keys, where the partial step only doubled the work). Only integer-like keys have distinct counts from
     * statistics (their min/max range); for other keys the optimizer assumes all values distinct, which would
     * wrongly rule out q1's four groups, so those always split.
     */
    private boolean partialAggregationPays(PhysicalHashAggregate aggregate) {
        boolean estimatedKeys = Arrays.stream(aggregate.groupKeys())
                .mapToObj(key -> aggregate.input().schema().column(key).type().kind())
                .allMatch(IntegerColumns::isIntegerLike);
        OptionalDouble groups = estimates.of(aggregate);
        OptionalDouble rows = estimates.of(aggregate.input());
        return aggregate.groupKeys().length == 0 || !estimatedKeys || groups.isEmpty() || rows.isEmpty()
                || groups.getAsDouble() * MIN_PARTIAL_REDUCTION <= rows.getAsDouble();
    }

    /**
     * Aggregates each instance's rows first and exchanges only the partial states: a few rows per group and instance
     * instead of every input row. The FINAL step merges the states positionally (keys first, see AggregateStates).
     */
    private static Placed splitAggregate(PhysicalHashAggregate aggregate, PhysicalNode partitionedInput) {
        RowSchema partialSchema = AggregateStates.partialSchema(aggregate.input().schema(), aggregate.groupKeys(),
                aggregate.aggregates());
        PhysicalNode partial = new PhysicalHashAggregate(partitionedInput, aggregate.groupKeys(), List.of(),
                aggregate.aggregates(), AggregateStep.PARTIAL, partialSchema);
        int[] stateKeys = IntStream.range(0, aggregate.groupKeys().length).toArray();
        if (stateKeys.length == 0) {
            return single(new PhysicalHashAggregate(gather(partial), stateKeys, List.of(), aggregate.aggregates(),
                    AggregateStep.FINAL, aggregate.schema()));
        }
        return new Placed(new PhysicalHashAggregate(hash(partial, stateKeys), stateKeys, List.of(), aggregate.aggregates(),
                AggregateStep.FINAL, aggregate.schema()), Distribution.PARTITIONED);
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
