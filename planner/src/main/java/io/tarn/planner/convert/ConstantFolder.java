package io.tarn.planner.convert;

import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.Values;
import io.tarn.executor.expression.Call;
import io.tarn.executor.expression.ExpressionCompiler;
import io.tarn.executor.expression.Expression;
import io.tarn.executor.expression.Literal;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;

import java.time.ZoneId;
import java.util.List;

/**
 * Evaluates calls whose arguments are all literals once, at planning time, with the executor's own evaluator, so
 * folding can never disagree with execution. Folded comparisons become literals that scans can prune with.
 * A call that fails (e.g. 1/0) is left as it is: it must only fail if a row ever evaluates it.
 */
final class ConstantFolder {
    private static final BufferAllocator ALLOCATOR = new RootAllocator(16L << 20);

    private ConstantFolder() {
    }

    static Expression fold(Call call, ZoneId zone) {
        for (Expression argument : call.arguments()) {
            if (!(argument instanceof Literal)) {
                return call;
            }
        }
        try (Batch oneRow = new Batch(List.of(), 1);
             FieldVector value = ExpressionCompiler.compile(call, zone).evaluate(oneRow, ALLOCATOR)) {
            return new Literal(Values.get(value, 0), call.type());
        } catch (RuntimeException e) {
            return call;
        }
    }
}
