package io.tarn.executor.operator.setop;

import io.tarn.catalog.type.Batch;
import io.tarn.executor.ExecutionContext;
import io.tarn.executor.operator.Operator;

import java.util.List;
import java.util.Objects;

/** UNION ALL: every batch of the first input, then of the second, and so on, passed through unchanged. */
public final class UnionOperator implements Operator {
    private final List<Operator> inputs;
    private final ExecutionContext context;
    private int current;

    public UnionOperator(List<Operator> inputs, ExecutionContext context) {
        this.inputs = List.copyOf(Objects.requireNonNull(inputs, "inputs is null"));
        this.context = Objects.requireNonNull(context, "context is null");
    }

    @Override
    public Batch next() {
        while (current < inputs.size()) {
            context.checkCancelled();
            Batch batch = inputs.get(current).next();
            if (batch != null) {
                return batch;
            }
            current++;
        }
        return null;
    }

    @Override
    public void close() {
        closeAll(inputs);
    }

    /** Closes every operator, even when one of them fails to close. */
    static void closeAll(List<Operator> operators) {
        RuntimeException failure = null;
        for (Operator input : operators) {
            try {
                input.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "UnionAll";
    }
}
