package io.tarn.executor.operator.aggregate;

import io.tarn.catalog.type.ArrowTypes;
import io.tarn.catalog.type.Batch;
import io.tarn.executor.ExecutionContext;
import io.tarn.executor.operator.Operator;
import io.tarn.executor.plan.AggregateStep;
import io.tarn.executor.plan.PhysicalHashAggregate;
import io.tarn.executor.vector.VectorCopier;
import io.tarn.executor.vector.Vectors;
import org.apache.arrow.vector.FieldVector;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Hash aggregation of {@link PhysicalHashAggregate}: consumes the whole input into per-grouping-set hash tables and
 * accumulators, then emits each set's groups (keys, then results or PARTIAL states) in batches. A set that grows past
 * its share of the operator's memory budget spills its groups' states to disk and is emitted partition by partition
 * ({@link GroupingSetSpill}).
 *
 * <p>A PARTIAL step instead emits its groups whenever it holds {@value #PARTIAL_FLUSH_GROUPS} of them or its memory
 * budget's worth, and starts over: it never spills, since the FINAL step merges whatever it emits. The group limit is
 * high because a partial step only pays when its table holds most of the groups: at 65,536 groups TPC-H q17's 200,000
 * part keys (in random order over 6M rows) were emitted nearly once per row, and q17 took 1.7x as long.
 */
public final class HashAggregateOperator implements Operator {
    static final int PARTIAL_FLUSH_GROUPS = 1 << 20;

    private final PhysicalHashAggregate plan;
    private final Operator input;
    private final ExecutionContext context;
    private final List<GroupingSetState> sets = new ArrayList<>();
    /** Parallel to {@link #sets}: the set's spilled groups, null while it fits in memory. */
    private final List<GroupingSetSpill> spills = new ArrayList<>();
    private boolean consumed;
    private int currentSet;
    private int nextGroup;
    /** PARTIAL step: the groups being emitted, and whether the input is exhausted. */
    private GroupingSetState flushing;
    private boolean inputDone;

    public HashAggregateOperator(PhysicalHashAggregate plan, Operator input, ExecutionContext context) {
        this.plan = Objects.requireNonNull(plan, "plan is null");
        this.input = Objects.requireNonNull(input, "input is null");
        this.context = Objects.requireNonNull(context, "context is null");
        if (plan.step() == AggregateStep.PARTIAL && !plan.groupingSets().isEmpty()) {
            throw new IllegalArgumentException("a PARTIAL aggregation cannot have grouping sets: " + plan);
        }
    }

    @Override
    public Batch next() {
        if (plan.step() == AggregateStep.PARTIAL) {
            return nextPartial();
        }
        if (!consumed) {
            consumeInput();
        }
        while (currentSet < sets.size()) {
            context.checkCancelled();
            Batch batch = emitNextGroups(sets.get(currentSet));
            if (batch != null) {
                return batch;
            }
            if (emitNextSpilledPartition()) {
                continue;
            }
            currentSet++;
            nextGroup = 0;
        }
        return null;
    }

    private Batch nextPartial() {
        while (true) {
            context.checkCancelled();
            if (flushing != null) {
                Batch batch = emitNextGroups(flushing);
                if (batch != null) {
                    return batch;
                }
                flushing.close();
                flushing = null;
                nextGroup = 0;
            }
            if (inputDone) {
                return null;
            }
            if (sets.isEmpty()) {
                sets.add(newSet(plan.groupKeys()));
            }
            GroupingSetState set = sets.get(0);
            Batch batch = input.next();
            if (batch == null) {
                inputDone = true;
            } else {
                try (batch) {
                    set.accept(batch);
                }
            }
            if (inputDone || set.outputGroupCount() >= PARTIAL_FLUSH_GROUPS
                    || set.estimatedBytes() > context.spillSpace().operatorBudget()) {
                flushing = set;
                sets.clear();
            }
        }
    }

    /** The next batch of {@code set}'s groups from {@link #nextGroup} on, or null when all were emitted. */
    private Batch emitNextGroups(GroupingSetState set) {
        int groupCount = set.outputGroupCount();
        if (nextGroup >= groupCount) {
            return null;
        }
        int count = Math.min(Math.max(1, context.batchSize()), groupCount - nextGroup);
        Batch batch = emit(set, nextGroup, count);
        nextGroup += count;
        return batch;
    }

    private void consumeInput() {
        consumed = true;
        createSets();
        Batch batch;
        while ((batch = input.next()) != null) {
            try (Batch current = batch) {
                context.checkCancelled();
                for (GroupingSetState set : sets) {
                    set.accept(current);
                }
            }
            spillSetsOverBudget();
        }
        for (int s = 0; s < sets.size(); s++) {
            if (spills.get(s) != null) {
                spills.get(s).finish(sets.get(s));
                replaceSet(s, spills.get(s).nextPartition());
            }
        }
    }

    private void spillSetsOverBudget() {
        long budget = context.spillSpace().operatorBudget() / sets.size();
        for (int s = 0; s < sets.size(); s++) {
            GroupingSetState set = sets.get(s);
            if (set.canSpill() && set.estimatedBytes() > budget) {
                if (spills.get(s) == null) {
                    int[] keySet = set.keyColumns();
                    spills.set(s, new GroupingSetSpill(context, () -> newSet(keySet), keySet.length, plan.aggregates()));
                }
                spills.get(s).spill(set);
                replaceSet(s, newSet(set.keyColumns()));
            }
        }
    }

    /** After the current set's groups were emitted: moves on to its next spilled partition, if any. */
    private boolean emitNextSpilledPartition() {
        GroupingSetSpill spill = spills.get(currentSet);
        GroupingSetState next = spill == null ? null : spill.nextPartition();
        if (next == null) {
            return false;
        }
        replaceSet(currentSet, next);
        nextGroup = 0;
        return true;
    }

    /** Closes set {@code s} and puts {@code replacement} (possibly null when nothing is left) in its place. */
    private void replaceSet(int s, GroupingSetState replacement) {
        sets.get(s).close();
        sets.set(s, replacement != null ? replacement : newSet(sets.get(s).keyColumns()));
    }

    private void createSets() {
        int[] groupKeys = plan.groupKeys();
        if (plan.step() == AggregateStep.FINAL && !plan.groupingSets().isEmpty()) {
            throw new IllegalArgumentException("a FINAL aggregation cannot have grouping sets: " + plan);
        }
        List<int[]> keySets = plan.groupingSets().isEmpty() ? List.of(groupKeys) : plan.groupingSets();
        for (int[] keySet : keySets) {
            sets.add(newSet(keySet));
            spills.add(null);
        }
    }

    private GroupingSetState newSet(int[] keySet) {
        return new GroupingSetState(keySet, plan.groupKeys(), plan.input().schema(), plan.aggregates(), plan.step(),
                context.allocator());
    }

    private Batch emit(GroupingSetState set, int fromGroup, int count) {
        List<FieldVector> vectors = Vectors.create(ArrowTypes.schema(plan.schema()).getFields(), context.allocator(), count);
        try {
            int[] groupKeys = plan.groupKeys();
            int[] setKeys = set.keyColumns();
            for (int k = 0; k < groupKeys.length; k++) {
                int position = indexOf(setKeys, groupKeys[k]);
                FieldVector target = vectors.get(k);
                if (position >= 0) {
                    VectorCopier.appendRange(set.keyVectors().get(position), fromGroup, count, target, 0);
                } else {
                    VectorCopier.ensureCapacity(target, count);
                    for (int i = 0; i < count; i++) {
                        target.setNull(i);
                    }
                }
            }
            int column = groupKeys.length;
            List<Accumulator> accumulators = set.accumulators();
            for (int a = 0; a < accumulators.size(); a++) {
                if (plan.step() == AggregateStep.PARTIAL) {
                    int width = AggregateStates.stateWidth(plan.aggregates().get(a).function());
                    accumulators.get(a).writeStates(fromGroup, count, vectors.subList(column, column + width));
                    column += width;
                } else {
                    accumulators.get(a).writeResult(fromGroup, count, vectors.get(column++));
                }
            }
            for (FieldVector vector : vectors) {
                vector.setValueCount(count);
            }
        } catch (RuntimeException | Error e) {
            Vectors.closeAll(vectors);
            throw e;
        }
        return new Batch(vectors, count);
    }

    private static int indexOf(int[] values, int value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        try {
            if (flushing != null) {
                flushing.close();
                flushing = null;
            }
            for (GroupingSetState set : sets) {
                set.close();
            }
            sets.clear();
            for (GroupingSetSpill spill : spills) {
                if (spill != null) {
                    spill.close();
                }
            }
            spills.clear();
        } finally {
            input.close();
        }
    }

    @Override
    public String toString() {
        return plan.toString();
    }
}
