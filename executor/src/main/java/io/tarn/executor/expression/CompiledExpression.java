package io.tarn.executor.expression;

import io.tarn.catalog.type.ArrowTypes;
import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.DataType;
import io.tarn.executor.ExecutionException;
import io.tarn.executor.expression.runtime.GeneratedExpression;
import io.tarn.executor.memory.MemoryErrors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.FieldVector;

import static java.util.Objects.requireNonNull;

/** A compiled scalar expression: evaluates a whole batch into a new vector of the expression's type. */
public final class CompiledExpression {
    private final Expression expression;
    private final GeneratedExpression generated;

    CompiledExpression(Expression expression, GeneratedExpression generated) {
        this.expression = expression;
        this.generated = generated;
    }

    public DataType type() {
        return expression.type();
    }

    /** A new vector (owned by the caller) with the value of every row of {@code batch}. */
    public FieldVector evaluate(Batch batch, BufferAllocator allocator) {
        return evaluate(batch, "expr", allocator);
    }

    /** As {@link #evaluate(Batch, BufferAllocator)}, naming the vector {@code name}. */
    public FieldVector evaluate(Batch batch, String name, BufferAllocator allocator) {
        requireNonNull(batch, "batch is null");
        FieldVector output = ArrowTypes.field(name, expression.type()).createVector(allocator);
        try {
            generated.evaluate(batch.columns().toArray(new FieldVector[0]), batch.rowCount(), output);
            return output;
        } catch (OutOfMemoryException e) {
            output.close();
            throw MemoryErrors.exceeded(e, allocator);
        } catch (ClassCastException e) {
            output.close();
            throw new ExecutionException(ExecutionException.INTERNAL_ERROR,
                    "input vectors do not match the types of expression " + expression, e);
        } catch (RuntimeException e) {
            output.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        return expression.toString();
    }
}
