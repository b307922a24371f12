package io.tarn.executor.operator.scan;

import io.tarn.catalog.spi.RowFilter;
import io.tarn.catalog.type.Batch;
import io.tarn.executor.expression.Call;
import io.tarn.executor.expression.CompiledPredicate;
import io.tarn.executor.expression.Expression;
import io.tarn.executor.expression.ExpressionCompiler;
import io.tarn.executor.expression.Function;
import io.tarn.executor.expression.InputReference;
import io.tarn.executor.operator.join.JoinKeyFilter;
import io.tarn.executor.vector.IntegerColumns;
import io.tarn.executor.vector.VectorCopier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a scan's reader checks before decoding the columns it does not need for it: the scan's filter, compiled over
 * just the columns it reads, and the runtime key filters of the joins above (once their tables are built, a row whose
 * key no build row has is dropped). One per scan operator, used by its thread.
 */
final class ScanRowFilter implements RowFilter {
    /** A Bloom filter is judged after this many rows; it is dropped when it let more than this share of them through. */
    private static final int TRIAL_ROWS = 1 << 16;
    private static final double MOST = 0.75;

    private final int[] columns;
    private final Optional<Expression> condition;
    private final ZoneId zone;
    private final CompiledPredicate predicate;
    private final List<ScanOperator.RuntimeKeyFilter> keyFilters;
    /** Per key filter, the position of its key among {@link #columns}. */
    private final int[] keyColumns;
    private final BufferAllocator allocator;
    private long[] keys = new long[0];
    /**
     * Per key filter, the rows it was asked about and how many it let through while still consulting the Bloom
     * filter; a Bloom filter that lets most rows through costs a cache miss a row for little, so it is then dropped
     * (the range check stays).
     */
    private final long[] checked;
    private final long[] passed;
    private final boolean[] rangeOnly;
    /** {@link #conjunctsOn} per column, compiled once and reused by every reader of this scan operator. */
    private final Map<Integer, Optional<RowFilter>> conjunctFilters = new HashMap<>();

    ScanRowFilter(Optional<Expression> condition, List<ScanOperator.RuntimeKeyFilter> keyFilters, ZoneId zone,
                  BufferAllocator allocator) {
        TreeSet<Integer> read = new TreeSet<>();
        condition.ifPresent(expression -> collectInputs(expression, read));
        keyFilters.forEach(filter -> read.add(filter.position()));
        this.columns = read.stream().mapToInt(Integer::intValue).toArray();
        this.condition = condition;
        this.zone = zone;
        this.predicate = condition.map(expression -> ExpressionCompiler.compilePredicate(renumber(expression), zone))
                .orElse(null);
        this.keyFilters = List.copyOf(keyFilters);
        this.keyColumns = keyFilters.stream().mapToInt(filter -> Arrays.binarySearch(columns, filter.position())).toArray();
        this.checked = new long[keyFilters.size()];
        this.passed = new long[keyFilters.size()];
        this.rangeOnly = new boolean[keyFilters.size()];
        this.allocator = allocator;
    }

    @Override
    public int[] columns() {
        return columns.clone();
    }

    @Override
    public int select(Batch batch, int[] selection) {
        int rows = batch.rowCount();
        int count;
        if (predicate != null) {
            count = predicate.filter(batch, selection);
        } else {
            for (int row = 0; row < rows; row++) {
                selection[row] = row;
            }
            count = rows;
        }
        for (int k = 0; k < keyColumns.length && count > 0; k++) {
            JoinKeyFilter.Keys built = keyFilters.get(k).filter().keys();
            if (built != null) {
                int before = count;
                count = keepPossibleMatches(batch.column(keyColumns[k]), rows, built, rangeOnly[k], selection, count);
                if (!rangeOnly[k]) {
                    checked[k] += before;
                    passed[k] += count;
                    rangeOnly[k] = checked[k] >= TRIAL_ROWS && passed[k] > MOST * checked[k];
                }
            }
        }
        return count;
    }

    /** Keeps the selected rows whose key a build row may have (a NULL key matches none). */
    private int keepPossibleMatches(FieldVector key, int rows, JoinKeyFilter.Keys built, boolean rangeOnly,
                                    int[] selection, int count) {
        if (keys.length < rows) {
            keys = new long[Math.max(rows, 2 * keys.length)];
        }
        IntegerColumns.read(key, rows, keys, 0);
        long min = built.min();
        long max = built.max();
        int kept = 0;
        for (int i = 0; i < count; i++) {
            int row = selection[i];
            long value = keys[row];
            if (value >= min && value <= max && (rangeOnly || built.mightContain(value)) && !key.isNull(row)) {
                selection[kept++] = row;
            }
        }
        return kept;
    }

    @Override
    public Optional<RowFilter> conjunctsOn(int column) {
        return conjunctFilters.computeIfAbsent(column, this::compileConjunctsOn);
    }

    private Optional<RowFilter> compileConjunctsOn(int column) {
        List<Expression> only = new ArrayList<>();
        condition.ifPresent(expression -> conjuncts(expression).stream()
                .filter(conjunct -> Set.of(column).equals(inputs(conjunct)))
                .forEach(only::add));
        if (only.isEmpty()) {
            return Optional.empty();
        }
        Expression part = only.size() == 1 ? only.get(0) : new Call(Function.AND, only, only.get(0).type());
        return Optional.of(new ScanRowFilter(Optional.of(part), List.of(), zone, allocator));
    }

    private static List<Expression> conjuncts(Expression expression) {
        if (expression instanceof Call call && call.function() == Function.AND) {
            List<Expression> all = new ArrayList<>();
            call.arguments().forEach(argument -> all.addAll(conjuncts(argument)));
            return all;
        }
        return List.of(expression);
    }

    private static Set<Integer> inputs(Expression expression) {
        TreeSet<Integer> read = new TreeSet<>();
        collectInputs(expression, read);
        return read;
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
