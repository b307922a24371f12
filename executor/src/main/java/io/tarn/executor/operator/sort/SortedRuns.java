package io.tarn.executor.operator.sort;

import io.tarn.catalog.type.Batch;
import io.tarn.executor.ExecutionContext;
import io.tarn.executor.operator.Operator;
import io.tarn.executor.plan.SortKey;
import io.tarn.executor.spill.SpillFile;
import io.tarn.executor.vector.VectorCopier;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The sorted runs an external sort wrote to disk, in input order. Merging more than {@link #MAX_MERGE_WIDTH} runs at
 * once would hold too many batches in memory, so wider merges first merge the oldest runs into longer ones.
 */
final class SortedRuns implements AutoCloseable {
    static final int MAX_MERGE_WIDTH = 32;

    private final List<SortKey> keys;
    private final ExecutionContext context;
    private final List<SpillFile> runs = new ArrayList<>();

    SortedRuns(List<SortKey> keys, ExecutionContext context) {
        this.keys = keys;
        this.context = context;
    }

    boolean isEmpty() {
        return runs.isEmpty();
    }

    /** Writes the rows of {@code rows} in the order {@code order} as a new run; the caller keeps {@code rows}. */
    void write(Batch rows, int[] order) {
        SpillFile run = context.spillSpace().newFile("sort-run");
        runs.add(run);
        int batchSize = Math.max(1, context.batchSize());
        for (int from = 0; from < order.length; from += batchSize) {
            context.checkCancelled();
            int count = Math.min(batchSize, order.length - from);
            try (Batch chunk = VectorCopier.copyRows(rows, Arrays.copyOfRange(order, from, from + count), count, context.allocator())) {
                run.write(chunk);
            }
        }
        run.finish();
        context.spillSpace().recordSpill();
    }

    /** All runs merged into one sorted stream; the runs' files stay owned by this object until it is closed. */
    Operator merge() {
        while (runs.size() > MAX_MERGE_WIDTH) {
            List<SpillFile> oldest = new ArrayList<>(runs.subList(0, MAX_MERGE_WIDTH));
            SpillFile merged = context.spillSpace().newFile("sort-merged");
            runs.add(0, merged);
            try (Operator merger = merger(oldest)) {
                for (Batch next = merger.next(); next != null; next = merger.next()) {
                    try (Batch batch = next) {
                        merged.write(batch);
                    }
                }
            }
            merged.finish();
            runs.removeAll(oldest);
            oldest.forEach(SpillFile::close);
        }
        return merger(runs);
    }

    private Operator merger(List<SpillFile> files) {
        List<Operator> readers = new ArrayList<>(files.size());
        try {
            for (SpillFile file : files) {
                readers.add(file.open(context.allocator()));
            }
        } catch (RuntimeException e) {
            readers.forEach(Operator::close);
            throw e;
        }
        return new RunMerger(readers, keys, context);
    }

    @Override
    public void close() {
        runs.forEach(SpillFile::close);
        runs.clear();
    }
}
