package io.tarn.executor.operator.sort;

import io.tarn.catalog.type.Batch;
import io.tarn.executor.ExecutionContext;
import io.tarn.executor.memory.MemoryErrors;
import io.tarn.executor.operator.Operator;
import io.tarn.executor.operator.limit.LimitOperator;
import io.tarn.executor.plan.SortKey;
import io.tarn.executor.spill.MemoryEstimates;
import io.tarn.executor.vector.BatchBuilder;
import io.tarn.executor.vector.VectorCopier;
import io.tarn.executor.vector.Vectors;
import org.apache.arrow.memory.OutOfMemoryException;

import java.util.Arrays;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Sorts its input by the keys (stable), then skips {@code offset} rows; with {@code limit >= 0} it is a Top-N that
 * never holds more than about twice offset + limit rows, compacting its buffer to the best rows as it fills. When the
 * buffered rows pass the operator's memory budget they are sorted and written to disk as a run; the runs are then
 * merged (see {@link SortedRuns}).
 */
public final class SortOperator implements Operator {
    private static final int MIN_COMPACTION_ROWS = 4096;

    private final Operator input;
    private final List<SortKey> keys;
    private final long offset;
    private final long keep;
    private final ExecutionContext context;
    private boolean inputClosed;
    private Batch sorted;
    private int[] order;
    private int position;
    private int end;
    private boolean finished;
    private SortedRuns runs;
    private Operator merged;

    public SortOperator(Operator input, List<SortKey> keys, long offset, long limit, ExecutionContext context) {
        this.input = requireNonNull(input, "input is null");
        this.keys = List.copyOf(requireNonNull(keys, "keys is null"));
        this.context = requireNonNull(context, "context is null");
        this.offset = Math.max(offset, 0);
        this.keep = limit < 0 || this.offset + limit < 0 ? -1 : this.offset + limit;
    }

    @Override
    public Batch next() {
        try {
            if (sorted == null && !finished && merged == null) {
                sortInput();
            }
            if (merged != null) {
                Batch batch = merged.next();
                if (batch == null) {
                    release();
                }
                return batch;
            }
            if (finished || position >= end) {
                release();
                return null;
            }
            int count = Math.min(Math.max(context.batchSize(), 1), end - position);
            Batch batch = VectorCopier.copyRows(sorted, Arrays.copyOfRange(order, position, position + count), count, context.allocator());
            position += count;
            return batch;
        } catch (OutOfMemoryException e) {
            throw MemoryErrors.exceeded(e, context.allocator());
        }
    }

    @Override
    public void close() {
        release();
        closeInput();
    }

    private void sortInput() {
        if (keep == 0) {
            finished = true;
            closeInput();
            return;
        }
        BatchBuilder buffer = null;
        long inputRows = 0;
        long inputBytes = 0;
        try {
            for (Batch next = nextInput(); next != null; next = nextInput()) {
                try (Batch batch = next) {
                    if (buffer == null) {
                        buffer = new BatchBuilder(Vectors.fields(batch), context.allocator());
                    }
                    buffer.appendRange(batch, 0, batch.rowCount());
                    inputRows += batch.rowCount();
                    inputBytes += MemoryEstimates.bytesOf(batch);
                }
                long bytesPerRow = inputBytes / inputRows;
                long budget = context.spillSpace().operatorBudget();
                boolean overBudget = heldBytes(buffer.rowCount(), bytesPerRow) > budget;
                // a Top-N whose kept rows fit its budget compacts instead of spilling
                if (keep > 0 && keep < Integer.MAX_VALUE / 2 && buffer.rowCount() >= 2 * keep
                        && (buffer.rowCount() >= MIN_COMPACTION_ROWS || overBudget && heldBytes(2 * keep, bytesPerRow) <= budget)) {
                    compact(buffer);
                    overBudget = heldBytes(buffer.rowCount(), bytesPerRow) > budget;
                }
                if (overBudget) {
                    writeRun(buffer);
                }
            }
            closeInput();
            if (buffer == null) {
                finished = true;
                return;
            }
            if (runs != null) {
                writeRun(buffer);
                merged = new LimitOperator(runs.merge(), offset, keep < 0 ? -1 : keep - offset, context);
                return;
            }
            sorted = buffer.build();
        } finally {
            if (buffer != null) {
                buffer.close();
            }
        }
        order = IndexSorter.sortedPositions(sorted.rowCount(), new RowOrdering(sorted, keys));
        end = keep < 0 ? sorted.rowCount() : (int) Math.min(keep, sorted.rowCount());
        position = (int) Math.min(offset, end);
    }

    /**
     * What the buffer and the sort's index arrays take: the buffer's vectors grow by doubling, so up to twice their
     * values; sorting needs two int arrays.
     */
    private static long heldBytes(long rows, long bytesPerRow) {
        return rows * (2 * bytesPerRow + 2 * Integer.BYTES);
    }

    /** Sorts the buffered rows and writes them to disk as the next run, emptying the buffer. */
    private void writeRun(BatchBuilder buffer) {
        if (buffer.rowCount() == 0) {
            return;
        }
        if (runs == null) {
            runs = new SortedRuns(keys, context);
        }
        try (Batch rows = buffer.build()) {
            runs.write(rows, IndexSorter.sortedPositions(rows.rowCount(), new RowOrdering(rows, keys)));
        }
    }

    /** Keeps only the best {@code keep} rows of the buffer. */
    private void compact(BatchBuilder buffer) {
        try (Batch all = buffer.build()) {
            int[] best = IndexSorter.sortedPositions(all.rowCount(), new RowOrdering(all, keys));
            buffer.appendSelected(all, best, (int) keep);
        }
    }

    private Batch nextInput() {
        context.checkCancelled();
        return input.next();
    }

    private void release() {
        if (merged != null) {
            merged.close();
            merged = null;
            finished = true;
        }
        if (runs != null) {
            runs.close();
            runs = null;
        }
        if (sorted != null) {
            sorted.close();
            sorted = null;
            order = null;
            finished = true;
        }
    }

    private void closeInput() {
        if (!inputClosed) {
            inputClosed = true;
            input.close();
        }
    }
}
