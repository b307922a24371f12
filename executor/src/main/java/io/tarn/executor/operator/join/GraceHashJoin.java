package io.tarn.executor.operator.join;

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
 * The disk side of a grace hash join: once the build side passes the operator's budget, build and probe rows are
 * written to {@link PartitionedSpill#PARTITIONS} files each by the hash of their keys, so rows that can match share a
 * partition number; the join then runs one partition pair at a time. A partition whose build rows still pass the
 * budget is split again, both sides, one level deeper.
 */
final class GraceHashJoin implements AutoCloseable {
    /** One partition pair ready to join: its build rows in a table (not yet finished) and a reader of its probe rows. */
    record Partition(JoinHashTable table, Operator probe) {
    }

    private record Pending(SpillFile build, SpillFile probe, int level) {
    }

    private final ExecutionContext context;
    private final int[] buildKeys;
    private final int[] probeKeys;
    private final Supplier<JoinHashTable> emptyTable;
    /** Whether probe rows without any build row still produce output (LEFT, FULL, ANTI). */
    private final boolean unmatchedProbeRowsCount;
    /** Whether build rows without any probe row still produce output (RIGHT, FULL). */
    private final boolean unmatchedBuildRowsCount;
    private final List<PartitionedSpill> spills = new ArrayList<>();
    private final Deque<Pending> pending = new ArrayDeque<>();
    private final PartitionedSpill build;
    private final PartitionedSpill probe;

    GraceHashJoin(ExecutionContext context, int[] buildKeys, int[] probeKeys, Supplier<JoinHashTable> emptyTable,
                  boolean unmatchedProbeRowsCount, boolean unmatchedBuildRowsCount) {
        this.context = context;
        this.buildKeys = buildKeys;
        this.probeKeys = probeKeys;
        this.emptyTable = emptyTable;
        this.unmatchedProbeRowsCount = unmatchedProbeRowsCount;
        this.unmatchedBuildRowsCount = unmatchedBuildRowsCount;
        context.spillSpace().recordSpill();
        this.build = newSpill("join-build", buildKeys, 0);
        this.probe = newSpill("join-probe", probeKeys, 0);
    }

    /** Writes a build batch to its partitions; the caller keeps the batch. */
    void addBuild(Batch batch) {
        build.write(batch);
    }

    /** Writes a probe batch to its partitions; the caller keeps the batch. Every build batch must have come first. */
    void addProbe(Batch batch) {
        probe.write(batch);
    }

    /** Ends the writing of both sides. */
    void finishInputs() {
        build.finish();
        probe.finish();
        enqueue(build, probe);
    }

    /** The next partition pair that can produce rows, or null when none is left; the caller closes both parts. */
    Partition next() {
        while (!pending.isEmpty()) {
            Pending pair = pending.pollFirst();
            boolean needed = pair.build().rowCount() > 0 && (pair.probe().rowCount() > 0 || unmatchedBuildRowsCount)
                    || pair.probe().rowCount() > 0 && unmatchedProbeRowsCount;
            Partition partition = needed ? load(pair) : null;
            pair.build().close();
            if (partition != null) {
                return partition;
            }
            pair.probe().close();
        }
        return null;
    }

    /** The pair's build rows in a table, or null if they did not fit and the pair was split one level deeper. */
    private Partition load(Pending pair) {
        JoinHashTable table = emptyTable.get();
        try (Operator buildRows = pair.build().open(context.allocator())) {
            for (Batch batch = buildRows.next(); batch != null; batch = buildRows.next()) {
                context.checkCancelled();
                table.add(batch);
                if (table.estimatedBytes() > context.spillSpace().operatorBudget() && pair.level() + 1 < PartitionedSpill.MAX_LEVEL) {
                    splitDeeper(pair, table, buildRows);
                    table.close();
                    return null;
                }
            }
            return new Partition(table, pair.probe().open(context.allocator()));
        } catch (RuntimeException | Error e) {
            table.close();
            throw e;
        }
    }

    private void splitDeeper(Pending pair, JoinHashTable loaded, Operator remainingBuildRows) {
        context.spillSpace().recordSpill();
        PartitionedSpill deeperBuild = newSpill("join-build", buildKeys, pair.level() + 1);
        PartitionedSpill deeperProbe = newSpill("join-probe", probeKeys, pair.level() + 1);
        for (Batch batch : loaded.batches()) {
            deeperBuild.write(batch);
        }
        copy(remainingBuildRows, deeperBuild);
        try (Operator probeRows = pair.probe().open(context.allocator())) {
            copy(probeRows, deeperProbe);
        }
        pair.probe().close();
        deeperBuild.finish();
        deeperProbe.finish();
        enqueue(deeperBuild, deeperProbe);
    }

    private void copy(Operator rows, PartitionedSpill target) {
        for (Batch next = rows.next(); next != null; next = rows.next()) {
            context.checkCancelled();
            try (Batch batch = next) {
                target.write(batch);
            }
        }
    }

    private PartitionedSpill newSpill(String purpose, int[] keys, int level) {
        PartitionedSpill spill = new PartitionedSpill(context.spillSpace(), purpose, keys, level, context.allocator());
        spills.add(spill);
        return spill;
    }

    /** Queues the pairs ahead of the others, so deeper partitions are joined (and deleted) first. */
    private void enqueue(PartitionedSpill buildSide, PartitionedSpill probeSide) {
        for (int p = PartitionedSpill.PARTITIONS - 1; p >= 0; p--) {
            pending.addFirst(new Pending(buildSide.partition(p), probeSide.partition(p), buildSide.level()));
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
