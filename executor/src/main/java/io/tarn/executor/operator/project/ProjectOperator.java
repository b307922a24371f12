package io.tarn.executor.operator.project;

import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.RowSchema;
import io.tarn.executor.ExecutionContext;
import io.tarn.executor.expression.CompiledProjection;
import io.tarn.executor.expression.Expression;
import io.tarn.executor.expression.ExpressionCompiler;
import io.tarn.executor.operator.Operator;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** Computes one output column per expression; plain column references move the input's buffers without copying. */
public final class ProjectOperator implements Operator {
    private final Operator input;
    private final CompiledProjection projection;
    private final ExecutionContext context;

    public ProjectOperator(Operator input, List<Expression> expressions, RowSchema schema, ExecutionContext context) {
        this.input = requireNonNull(input, "input is null");
        this.context = requireNonNull(context, "context is null");
        this.projection = ExpressionCompiler.compileProjection(expressions, schema, context.timeZone());
    }

    @Override
    public Batch next() {
        context.checkCancelled();
        Batch batch = input.next();
        return batch == null ? null : projection.apply(batch, context.allocator());
    }

    @Override
    public void close() {
        input.close();
    }
}
