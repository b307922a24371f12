package io.tarn.executor.operator.filter;

import io.tarn.catalog.type.Batch;
import io.tarn.executor.ExecutionContext;
import io.tarn.executor.expression.Expression;
import io.tarn.executor.memory.MemoryErrors;
import io.tarn.executor.operator.Operator;
import org.apache.arrow.memory.OutOfMemoryException;

import static java.util.Objects.requireNonNull;

/** Keeps the rows of its input for which the condition is TRUE. */
public final class FilterOperator implements Operator {
    private final Operator input;
    private final BatchFilter filter;
    private final ExecutionContext context;

    public FilterOperator(Operator input, Expression condition, ExecutionContext context) {
        this.input = requireNonNull(input, "input is null");
        this.context = requireNonNull(context, "context is null");
        this.filter = new BatchFilter(condition, context.timeZone());
    }

    @Override
    public Batch next() {
        try {
            while (true) {
                context.checkCancelled();
                Batch batch = input.next();
                if (batch == null) {
                    return null;
                }
                Batch survivors = filter.apply(batch, context.allocator());
                if (survivors != null) {
                    return survivors;
                }
            }
        } catch (OutOfMemoryException e) {
            throw MemoryErrors.exceeded(e, context.allocator());
        }
    }

    @Override
    public void close() {
        input.close();
    }
}
