package io.tarn.executor.operator.aggregate;

import io.tarn.catalog.type.Batch;
import io.tarn.executor.ExecutionContext;
import io.tarn.executor.expression.AggregateCall;
import io.tarn.executor.operator.Operator;
import io.tarn.executor.spill.PartitionedSpill;
import io.tarn.executor.spill.SpillFile;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The groups of one grouping set that did not fit in the operator's budget. Each time the set in memory grows past
 * the budget, its groups' keys and intermediate states are written to {@link PartitionedSpill#PARTITIONS} files by
 * the hash of the keys and the set starts over empty; a DISTINCT aggregate, whose state cannot be merged, writes its
 * (group keys, arguments) pairs to files of its own, partitioned alike. Afterwards each partition is merged in memory
 * in turn; a partition whose merged groups still pass the budget is split again one level deeper.
 */
final class GroupingSetSpill implements AutoCloseable {
    /** One partition's files: the states, then per aggregate its DISTINCT pairs (null for other aggregates). */
    private record Partition(SpillFile states, List<SpillFile> distinctPairs, int level) {
        void close() {
            states.close();
            distinctPairs.stream().filter(Objects::nonNull).forEach(SpillFile::close);
        }
    }

    /** The partitioned files of one level: states, and per aggregate its DISTINCT pairs (null for other aggregates). */
    private record LevelSpill(PartitionedSpill states, List<PartitionedSpill> distinctPairs) {
        void finish() {
            states.finish();
            distinctPairs.stream().filter(Objects::nonNull).forEach(PartitionedSpill::finish);
        }

        int level() {
            return states.level();
        }
    }

    private final ExecutionContext context;
    private final Supplier<GroupingSetState> emptySet;
    private final int[] spilledKeys;
    private final List<Boolean> distinct;
    private final List<PartitionedSpill> spills = new ArrayList<>();
    private final Deque<Partition> pending = new ArrayDeque<>();
    private LevelSpill first;

    /** {@code emptySet} creates empty sets like the one that spills: keyed by {@code keyCount} columns, {@code aggregates}. */
    GroupingSetSpill(ExecutionContext context, Supplier<GroupingSetState> emptySet, int keyCount, List<AggregateCall> aggregates) {
        this.context = context;
        this.emptySet = emptySet;
        this.distinct = aggregates.stream().map(AggregateCall::distinct).toList();
        this.spilledKeys = new int[keyCount];
        for (int k = 0; k < keyCount; k++) {
            spilledKeys[k] = k;
        }
    }

    /** Writes every group of {@code set} to the first-level partitions; the caller closes the set. */
    void spill(GroupingSetState set) {
        if (first == null) {
            first = newSpill(0);
        }
        writeStates(set, first);
    }

    /** Ends the writing; {@code remaining}'s groups (closed by the caller) are written too. */
    void finish(GroupingSetState remaining) {
        spill(remaining);
        first.finish();
        enqueue(first);
    }

    /** The next partition's groups merged in memory, or null when every partition was returned; the caller closes it. */
    GroupingSetState nextPartition() {
        while (!pending.isEmpty()) {
            Partition partition = pending.pollFirst();
            GroupingSetState merged = merge(partition);
            partition.close();
            if (merged != null) {
                return merged;
            }
        }
        return null;
    }

    /** The partition's groups, or null if they were split into a deeper level (queued to be merged next). */
    private GroupingSetState merge(Partition partition) {
        Merge merge = new Merge(partition.level());
        try {
            merge.read(partition.states(), GroupingSetState::acceptSpilledStates);
            for (int a = 0; a < distinct.size(); a++) {
                int aggregate = a;
                if (distinct.get(a)) {
                    merge.read(partition.distinctPairs().get(a), (set, batch) -> set.acceptSpilledDistinctPairs(aggregate, batch));
                }
            }
            return merge.finish();
        } catch (RuntimeException | Error e) {
            merge.set.close();
            throw e;
        }
    }

    /** The merging of one partition's files into a set, moving to a deeper level when the set passes the budget. */
    private final class Merge {
        private final int level;
        private GroupingSetState set = emptySet.get();
        private LevelSpill deeper;

        Merge(int level) {
            this.level = level;
        }

        void read(SpillFile file, BiConsumer<GroupingSetState, Batch> accept) {
            try (Operator reader = file.open(context.allocator())) {
                for (Batch next = reader.next(); next != null; next = reader.next()) {
                    context.checkCancelled();
                    try (Batch batch = next) {
                        accept.accept(set, batch);
                    }
                    if (set.estimatedBytes() > context.spillSpace().operatorBudget() && level + 1 < PartitionedSpill.MAX_LEVEL) {
                        if (deeper == null) {
                            deeper = newSpill(level + 1);
                        }
                        writeStates(set, deeper);
                        set.close();
                        set = emptySet.get();
                    }
                }
            }
        }

        /** The merged set, or null (and the deeper partitions queued) if the set was split. */
        GroupingSetState finish() {
            if (deeper == null) {
                return set;
            }
            writeStates(set, deeper);
            set.close();
            deeper.finish();
            enqueue(deeper);
            return null;
        }
    }

    private LevelSpill newSpill(int level) {
        PartitionedSpill states = newPartitionedSpill("aggregate", level);
        List<PartitionedSpill> pairs = new ArrayList<>();
        for (boolean isDistinct : distinct) {
            pairs.add(isDistinct ? newPartitionedSpill("aggregate-distinct", level) : null);
        }
        return new LevelSpill(states, pairs);
    }

    private PartitionedSpill newPartitionedSpill(String purpose, int level) {
        PartitionedSpill spill = new PartitionedSpill(context.spillSpace(), purpose, spilledKeys, level, context.allocator());
        spills.add(spill);
        return spill;
    }

    private void writeStates(GroupingSetState set, LevelSpill spill) {
        context.spillSpace().recordSpill();
        int batchSize = Math.max(1, context.batchSize());
        int groupCount = set.outputGroupCount();
        for (int from = 0; from < groupCount; from += batchSize) {
            try (Batch states = set.spilledStates(from, Math.min(batchSize, groupCount - from), context.allocator())) {
                spill.states().write(states);
            }
        }
        for (int a = 0; a < distinct.size(); a++) {
            if (!distinct.get(a)) {
                continue;
            }
            int pairCount = set.distinctPairCount(a);
            for (int from = 0; from < pairCount; from += batchSize) {
                try (Batch pairs = set.spilledDistinctPairs(a, from, Math.min(batchSize, pairCount - from), context.allocator())) {
                    spill.distinctPairs().get(a).write(pairs);
                }
            }
        }
    }

    /** Queues the spill's partitions ahead of the others, so deeper partitions are merged (and deleted) first. */
    private void enqueue(LevelSpill spill) {
        for (int p = PartitionedSpill.PARTITIONS - 1; p >= 0; p--) {
            SpillFile states = spill.states().partition(p);
            if (states.rowCount() > 0) {
                List<SpillFile> pairs = new ArrayList<>();
                for (PartitionedSpill distinctPairs : spill.distinctPairs()) {
                    pairs.add(distinctPairs == null ? null : distinctPairs.partition(p));
                }
                pending.addFirst(new Partition(states, pairs, spill.level()));
            }
        }
    }

    @Override
    public void close() {
        pending.clear();
        for (PartitionedSpill spill : spills) {
            spill.close();
        }
        spills.clear();
    }
}
