package io.tarn.executor.operator.scan;

import io.tarn.catalog.spi.RowFilter;
import io.tarn.catalog.type.Batch;
import io.tarn.executor.expression.Call;
import io.tarn.executor.expression.CompiledPredicate;
import io.tarn.executor.expression.Expression;
import io.tarn.executor.expression.ExpressionCompiler;
import io.tarn.executor.expression.InputReference;
import io.tarn.executor.vector.VectorCopier;
import org.apache.arrow.memory.BufferAllocator;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.TreeSet;

/**
 * A scan's filter as the reader applies it: compiled over just the columns it reads, so the reader can evaluate it
 * before decoding the others. One per scan operator, used by its thread.
 */
final class ScanRowFilter implements RowFilter {
    private final int[] columns;
    private final CompiledPredicate predicate;
    private final BufferAllocator allocator;

    ScanRowFilter(Expression condition, ZoneId zone, BufferAllocator allocator) {
        TreeSet<Integer> read = new TreeSet<>();
        collectInputs(condition, read);
        this.columns = read.stream().mapToInt(Integer::intValue).toArray();
        this.predicate = ExpressionCompiler.compilePredicate(renumber(condition), zone);
        this.allocator = allocator;
    }

    @Override
    public int[] columns() {
        return columns.clone();
    }

    @Override
    public int select(Batch batch, int[] selection) {
        return predicate.filter(batch, selection);
    }

    @Override
    public Batch copyRows(Batch batch, int[] selection, int count) {
        return VectorCopier.copyRows(batch, selection, count, allocator);
    }

    private static void collectInputs(Expression expression, TreeSet<Integer> read) {
        if (expression instanceof InputReference reference) {
            read.add(reference.index());
        } else if (expression instanceof Call call) {
            call.arguments().forEach(argument -> collectInputs(argument, read));
        }
    }

    /** The condition with each input reference renumbered to its position among {@link #columns}. */
    private Expression renumber(Expression expression) {
        if (expression instanceof InputReference reference) {
            return new InputReference(Arrays.binarySearch(columns, reference.index()), reference.type());
        }
        if (expression instanceof Call call) {
            return new Call(call.function(), call.arguments().stream().map(this::renumber).toList(), call.type());
        }
        return expression;
    }
}
