package io.tarn.executor.operator.aggregate;

import io.tarn.catalog.type.Batch;
import io.tarn.executor.ExecutionContext;
import io.tarn.executor.operator.Operator;
import io.tarn.executor.spill.PartitionedSpill;
import io.tarn.executor.spill.SpillFile;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/**
 * The groups of one grouping set that did not fit in the operator's budget. Each time the set in memory grows past
 * the budget, its groups' keys and intermediate states are written to {@link PartitionedSpill#PARTITIONS} files by
 * the hash of the keys and the set starts over empty. Afterwards each partition's states are merged in memory in
 * turn; a partition whose merged groups still pass the budget is split again one level deeper.
 */
final class GroupingSetSpill implements AutoCloseable {
    private record Partition(SpillFile file, int level) {
    }

    private final ExecutionContext context;
    private final Supplier<GroupingSetState> emptySet;
    private final int[] spilledKeys;
    private final List<PartitionedSpill> spills = new ArrayList<>();
    private final Deque<Partition> pending = new ArrayDeque<>();
    private PartitionedSpill first;

    /** {@code emptySet} creates empty sets like the one that spills, keyed by {@code keyCount} columns. */
    GroupingSetSpill(ExecutionContext context, Supplier<GroupingSetState> emptySet, int keyCount) {
        this.context = context;
        this.emptySet = emptySet;
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
            partition.file().close();
            if (merged != null) {
                return merged;
            }
        }
        return null;
    }

    /** The partition's groups, or null if they were split into a deeper level (queued to be merged next). */
    private GroupingSetState merge(Partition partition) {
        GroupingSetState set = emptySet.get();
        PartitionedSpill deeper = null;
        try (Operator reader = partition.file().open(context.allocator())) {
            for (Batch next = reader.next(); next != null; next = reader.next()) {
                context.checkCancelled();
                try (Batch batch = next) {
                    set.acceptSpilledStates(batch);
                }
                if (set.estimatedBytes() > context.spillSpace().operatorBudget() && partition.level() + 1 < PartitionedSpill.MAX_LEVEL) {
                    if (deeper == null) {
                        deeper = newSpill(partition.level() + 1);
                    }
                    writeStates(set, deeper);
                    set.close();
                    set = emptySet.get();
                }
            }
            if (deeper == null) {
                return set;
            }
            writeStates(set, deeper);
            set.close();
            deeper.finish();
            enqueue(deeper);
            return null;
        } catch (RuntimeException | Error e) {
            set.close();
            throw e;
        }
    }

    private PartitionedSpill newSpill(int level) {
        PartitionedSpill spill = new PartitionedSpill(context.spillSpace(), "aggregate", spilledKeys, level, context.allocator());
        spills.add(spill);
        return spill;
    }

    private void writeStates(GroupingSetState set, PartitionedSpill spill) {
        context.spillSpace().recordSpill();
        int groupCount = set.outputGroupCount();
        int batchSize = Math.max(1, context.batchSize());
        for (int from = 0; from < groupCount; from += batchSize) {
            try (Batch states = set.spilledStates(from, Math.min(batchSize, groupCount - from), context.allocator())) {
                spill.write(states);
            }
        }
    }

    /** Queues the spill's partitions ahead of the others, so deeper partitions are merged (and deleted) first. */
    private void enqueue(PartitionedSpill spill) {
        for (int p = PartitionedSpill.PARTITIONS - 1; p >= 0; p--) {
            SpillFile file = spill.partition(p);
            if (file.rowCount() > 0) {
                pending.addFirst(new Partition(file, spill.level()));
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
