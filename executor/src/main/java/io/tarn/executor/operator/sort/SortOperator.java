package io.tarn.executor.operator.sort;

import io.tarn.catalog.type.Batch;
import io.tarn.executor.ExecutionContext;
import io.tarn.executor.memory.MemoryErrors;
import io.tarn.executor.operator.Operator;
import io.tarn.executor.plan.SortKey;
import io.tarn.executor.vector.BatchBuilder;
import io.tarn.executor.vector.VectorCopier;
import io.tarn.executor.vector.Vectors;
import org.apache.arrow.memory.OutOfMemoryException;

import java.util.Arrays;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Sorts its input by the keys (stable), then skips {@code offset} rows; with {@code limit >= 0} it is a Top-N that
 * never holds more than about twice offset + limit rows, compacting its buffer to the best rows as it fills.
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
            if (sorted == null && !finished) {
                sortInput();
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
        try {
            for (Batch next = nextInput(); next != null; next = nextInput()) {
                try (Batch batch = next) {
                    if (buffer == null) {
                        buffer = new BatchBuilder(Vectors.fields(batch), context.allocator());
                    }
                    buffer.appendRange(batch, 0, batch.rowCount());
                }
                if (keep > 0 && keep < Integer.MAX_VALUE / 2 && buffer.rowCount() >= Math.max(2 * keep, MIN_COMPACTION_ROWS)) {
                    compact(buffer);
                }
            }
            closeInput();
            if (buffer == null) {
                finished = true;
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
