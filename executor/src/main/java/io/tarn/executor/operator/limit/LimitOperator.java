package io.tarn.executor.operator.limit;

import io.tarn.catalog.type.Batch;
import io.tarn.executor.ExecutionContext;
import io.tarn.executor.memory.MemoryErrors;
import io.tarn.executor.operator.Operator;
import io.tarn.executor.vector.Batches;

import static java.util.Objects.requireNonNull;

/** Skips {@code offset} rows, then passes at most {@code limit} rows (-1 = all); closes its input as soon as it is done. */
public final class LimitOperator implements Operator {
    private final Operator input;
    private final ExecutionContext context;
    private long toSkip;
    private long remaining;
    private boolean inputClosed;

    public LimitOperator(Operator input, long offset, long limit, ExecutionContext context) {
        this.input = requireNonNull(input, "input is null");
        this.context = requireNonNull(context, "context is null");
        this.toSkip = Math.max(offset, 0);
        this.remaining = limit < 0 ? Long.MAX_VALUE : limit;
    }

    @Override
    public Batch next() {
        while (remaining > 0) {
            context.checkCancelled();
            Batch batch = input.next();
            if (batch == null) {
                break;
            }
            int rows = batch.rowCount();
            if (toSkip >= rows) {
                toSkip -= rows;
                batch.close();
                continue;
            }
            int from = (int) toSkip;
            int count = (int) Math.min(rows - from, remaining);
            toSkip = 0;
            remaining -= count;
            if (from == 0 && count == rows) {
                return batch;
            }
            try (batch) {
                return MemoryErrors.guard(context.allocator(), () -> Batches.slice(batch, from, count, context.allocator()));
            }
        }
        closeInput();
        return null;
    }

    @Override
    public void close() {
        closeInput();
    }

    private void closeInput() {
        if (!inputClosed) {
            inputClosed = true;
            input.close();
        }
    }
}
