package io.tarn.executor.operator.window;

import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.RowSchema;
import io.tarn.executor.ExecutionContext;
import io.tarn.executor.operator.Operator;
import io.tarn.executor.spill.MemoryEstimates;
import io.tarn.executor.spill.PartitionedSpill;
import io.tarn.executor.spill.SpillFile;
import io.tarn.executor.vector.BatchBuilder;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A window operator's input on disk, split by the hash of the partition keys every window group shares, so each
 * file holds whole window partitions and can be evaluated on its own. A file whose rows pass the operator's budget
 * is split again one level deeper; at the last level (or when one window partition is that big) its rows are loaded
 * anyway and the memory limit decides.
 */
final class SpilledWindowPartitions implements AutoCloseable {
    private record Pending(SpillFile file, int level) {
    }

    private final ExecutionContext context;
    private final RowSchema schema;
    private final int[] keys;
    private final int heapBytesPerRow;
    private final List<PartitionedSpill> spills = new ArrayList<>();
    private final Deque<Pending> pending = new ArrayDeque<>();
    private final PartitionedSpill first;

    /** Rows of {@code schema} split by {@code keys}; evaluating a row takes {@code heapBytesPerRow} besides its values. */
    SpilledWindowPartitions(ExecutionContext context, RowSchema schema, int[] keys, int heapBytesPerRow) {
        this.context = context;
        this.schema = schema;
        this.keys = keys;
        this.heapBytesPerRow = heapBytesPerRow;
        context.spillSpace().recordSpill();
        this.first = newSpill(0);
    }

    /** Writes rows to their partitions; the caller keeps the batch. */
    void add(Batch batch) {
        first.write(batch);
    }

    void finish() {
        first.finish();
        enqueue(first);
    }

    /** The rows of the next file, whole window partitions only, or null when none is left; the caller closes it. */
    Batch next() {
        while (!pending.isEmpty()) {
            Pending file = pending.pollFirst();
            Batch rows = load(file);
            file.file().close();
            if (rows != null) {
                return rows;
            }
        }
        return null;
    }

    /** The file's rows, or null if they passed the budget and were split one level deeper. */
    private Batch load(Pending file) {
        long bytes = 0;
        try (Operator reader = file.file().open(context.allocator());
             BatchBuilder builder = new BatchBuilder(schema, context.allocator())) {
            for (Batch next = reader.next(); next != null; next = reader.next()) {
                context.checkCancelled();
                try (Batch batch = next) {
                    builder.appendRange(batch, 0, batch.rowCount());
                    bytes += MemoryEstimates.bytesOf(batch);
                }
                long held = 2 * bytes + (long) heapBytesPerRow * builder.rowCount();
                if (held > context.spillSpace().operatorBudget() && file.level() + 1 < PartitionedSpill.MAX_LEVEL) {
                    splitDeeper(file.level() + 1, builder, reader);
                    return null;
                }
            }
            return builder.build();
        }
    }

    private void splitDeeper(int level, BatchBuilder loaded, Operator remaining) {
        context.spillSpace().recordSpill();
        PartitionedSpill deeper = newSpill(level);
        try (Batch rows = loaded.build()) {
            deeper.write(rows);
        }
        for (Batch next = remaining.next(); next != null; next = remaining.next()) {
            context.checkCancelled();
            try (Batch batch = next) {
                deeper.write(batch);
            }
        }
        deeper.finish();
        enqueue(deeper);
    }

    private PartitionedSpill newSpill(int level) {
        PartitionedSpill spill = new PartitionedSpill(context.spillSpace(), "window", keys, level, context.allocator());
        spills.add(spill);
        return spill;
    }

    private void enqueue(PartitionedSpill spill) {
        for (int p = PartitionedSpill.PARTITIONS - 1; p >= 0; p--) {
            if (spill.partition(p).rowCount() > 0) {
                pending.addFirst(new Pending(spill.partition(p), spill.level()));
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
