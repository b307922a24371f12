package io.tarn.executor.operator.sort;

import io.tarn.catalog.type.Batch;
import io.tarn.executor.ExecutionContext;
import io.tarn.executor.operator.Operator;
import io.tarn.executor.plan.SortKey;
import io.tarn.executor.vector.BatchBuilder;
import io.tarn.executor.vector.ValueComparator;
import io.tarn.executor.vector.Vectors;
import org.apache.arrow.vector.FieldVector;

import java.util.List;

/**
 * K-way merge of sorted runs into one sorted stream of batches. The runs' current rows sit in a binary heap of run
 * numbers; ties go to the lower run number, so merging runs cut from the input in order keeps the sort stable. Rows
 * that follow each other in one run are copied as a range.
 */
final class RunMerger implements Operator {
    private final List<Operator> runs;
    private final List<SortKey> keys;
    private final ExecutionContext context;
    private final Batch[] current;
    private final int[] position;
    /** Comparators between the current batches of two runs, per key: [key][run][run], rebound when a batch changes. */
    private final ValueComparator[][][] comparators;
    private final int[] heap;
    private int heapSize;
    private boolean started;

    /** Merges {@code runs} (each sorted by {@code keys}), taking ownership of them. */
    RunMerger(List<Operator> runs, List<SortKey> keys, ExecutionContext context) {
        this.runs = List.copyOf(runs);
        this.keys = keys;
        this.context = context;
        int count = runs.size();
        this.current = new Batch[count];
        this.position = new int[count];
        this.comparators = new ValueComparator[keys.size()][count][count];
        this.heap = new int[count];
    }

    @Override
    public Batch next() {
        if (!started) {
            started = true;
            for (int run = 0; run < runs.size(); run++) {
                if (advanceBatch(run)) {
                    push(run);
                }
            }
        }
        if (heapSize == 0) {
            return null;
        }
        context.checkCancelled();
        int batchSize = Math.max(1, context.batchSize());
        try (BatchBuilder output = new BatchBuilder(Vectors.fields(current[heap[0]]), context.allocator())) {
            while (heapSize > 0 && output.rowCount() < batchSize) {
                int run = pop();
                int from = position[run];
                int end = from + 1;
                int limit = Math.min(current[run].rowCount(), from + batchSize - output.rowCount());
                // take the following rows of the same run while they still come before every other run's row
                while (end < limit && (heapSize == 0 || precedes(run, end, heap[0], position[heap[0]]))) {
                    end++;
                }
                output.appendRange(current[run], from, end - from);
                position[run] = end;
                if (end < current[run].rowCount() || advanceBatch(run)) {
                    push(run);
                }
            }
            return output.build();
        }
    }

    /** Loads the run's next batch; false (and the run closed) when it has none. */
    private boolean advanceBatch(int run) {
        if (current[run] != null) {
            current[run].close();
            current[run] = null;
        }
        Batch batch = runs.get(run).next();
        if (batch == null) {
            runs.get(run).close();
            return false;
        }
        current[run] = batch;
        position[run] = 0;
        for (ValueComparator[][] byKey : comparators) {
            for (int other = 0; other < byKey.length; other++) {
                byKey[run][other] = null;
                byKey[other][run] = null;
            }
        }
        return true;
    }

    /** Whether row {@code rowA} of run {@code a}'s batch sorts before row {@code rowB} of run {@code b}'s batch. */
    private boolean precedes(int a, int rowA, int b, int rowB) {
        int result = compare(a, rowA, b, rowB);
        return result < 0 || result == 0 && a < b;
    }

    private int compare(int a, int rowA, int b, int rowB) {
        for (int k = 0; k < keys.size(); k++) {
            SortKey key = keys.get(k);
            FieldVector left = current[a].column(key.column());
            FieldVector right = current[b].column(key.column());
            boolean leftNull = left.isNull(rowA);
            boolean rightNull = right.isNull(rowB);
            if (leftNull || rightNull) {
                if (leftNull == rightNull) {
                    continue;
                }
                return leftNull == key.nullsFirst() ? -1 : 1;
            }
            ValueComparator comparator = comparators[k][a][b];
            if (comparator == null) {
                comparator = ValueComparator.of(left, right);
                comparators[k][a][b] = comparator;
            }
            int result = comparator.compare(rowA, rowB);
            if (result != 0) {
                return key.descending() ? -result : result;
            }
        }
        return 0;
    }

    private boolean before(int a, int b) {
        return precedes(a, position[a], b, position[b]);
    }

    private void push(int run) {
        int i = heapSize++;
        heap[i] = run;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(heap[i], heap[parent])) {
                break;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private int pop() {
        int top = heap[0];
        heap[0] = heap[--heapSize];
        int i = 0;
        while (true) {
            int left = 2 * i + 1;
            if (left >= heapSize) {
                break;
            }
            int smallest = left + 1 < heapSize && before(heap[left + 1], heap[left]) ? left + 1 : left;
            if (!before(heap[smallest], heap[i])) {
                break;
            }
            swap(i, smallest);
            i = smallest;
        }
        return top;
    }

    private void swap(int i, int j) {
        int value = heap[i];
        heap[i] = heap[j];
        heap[j] = value;
    }

    @Override
    public void close() {
        for (int run = 0; run < runs.size(); run++) {
            if (current[run] != null) {
                current[run].close();
                current[run] = null;
            }
            runs.get(run).close();
        }
        heapSize = 0;
    }
}
