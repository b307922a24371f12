package io.tarn.executor.operator.setop;

import io.tarn.catalog.type.ArrowTypes;
import io.tarn.catalog.type.Batch;
import io.tarn.executor.ExecutionContext;
import io.tarn.executor.operator.Operator;
import io.tarn.executor.operator.aggregate.GroupHashTable;
import io.tarn.executor.plan.PhysicalSetOperation;
import io.tarn.executor.vector.VectorCopier;
import io.tarn.executor.vector.Vectors;
import org.apache.arrow.vector.FieldVector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * INTERSECT / EXCEPT [ALL] of {@link PhysicalSetOperation}: counts each distinct row (NULLs equal) per input in a
 * group hash table, then emits each row as many times as the operation keeps it.
 */
public final class SetOperationOperator implements Operator {
    private final PhysicalSetOperation plan;
    private final List<Operator> inputs;
    private final ExecutionContext context;
    private final int[] allColumns;
    private GroupHashTable rows;
    /** counts[input][row id]: how often each distinct row occurs in each input. */
    private long[][] counts;
    private int[] emitOrder;
    private int emitCount;
    private int emitted;

    public SetOperationOperator(PhysicalSetOperation plan, List<Operator> inputs, ExecutionContext context) {
        this.plan = Objects.requireNonNull(plan, "plan is null");
        this.inputs = List.copyOf(Objects.requireNonNull(inputs, "inputs is null"));
        this.context = Objects.requireNonNull(context, "context is null");
        this.allColumns = new int[plan.schema().size()];
        for (int c = 0; c < allColumns.length; c++) {
            allColumns[c] = c;
        }
    }

    @Override
    public Batch next() {
        if (rows == null) {
            countRows();
            planOutput();
        }
        context.checkCancelled();
        if (emitted == emitCount) {
            return null;
        }
        int count = Math.min(Math.max(1, context.batchSize()), emitCount - emitted);
        int[] selection = Arrays.copyOfRange(emitOrder, emitted, emitted + count);
        emitted += count;
        List<FieldVector> vectors = Vectors.create(plan.schema(), context.allocator());
        try {
            List<FieldVector> distinctRows = rows.keyVectors();
            for (int c = 0; c < vectors.size(); c++) {
                VectorCopier.appendSelected(distinctRows.get(c), selection, count, vectors.get(c), 0);
                vectors.get(c).setValueCount(count);
            }
        } catch (RuntimeException | Error e) {
            Vectors.closeAll(vectors);
            throw e;
        }
        return new Batch(vectors, count);
    }

    private void countRows() {
        rows = new GroupHashTable(ArrowTypes.schema(plan.schema()).getFields(), context.allocator());
        counts = new long[inputs.size()][16];
        for (int input = 0; input < inputs.size(); input++) {
            Batch batch;
            while ((batch = inputs.get(input).next()) != null) {
                try (Batch current = batch) {
                    context.checkCancelled();
                    int[] rowIds = new int[current.rowCount()];
                    rows.findOrInsert(current, allColumns, rowIds);
                    growCounts(rows.groupCount());
                    long[] inputCounts = counts[input];
                    for (int rowId : rowIds) {
                        inputCounts[rowId]++;
                    }
                }
            }
        }
    }

    private void growCounts(int rowCount) {
        if (rowCount > counts[0].length) {
            int capacity = Math.max(rowCount, counts[0].length * 2);
            for (int input = 0; input < counts.length; input++) {
                counts[input] = Arrays.copyOf(counts[input], capacity);
            }
        }
    }

    /** Lists each distinct row id as many times as it is output. */
    private void planOutput() {
        int distinct = rows.groupCount();
        emitOrder = new int[Math.max(16, distinct)];
        for (int rowId = 0; rowId < distinct; rowId++) {
            long copies = copies(rowId);
            for (long copy = 0; copy < copies; copy++) {
                if (emitCount == emitOrder.length) {
                    emitOrder = Arrays.copyOf(emitOrder, emitCount * 2);
                }
                emitOrder[emitCount++] = rowId;
            }
        }
    }

    private long copies(int rowId) {
        long first = counts[0][rowId];
        if (plan.kind() == PhysicalSetOperation.Kind.INTERSECT) {
            long kept = first;
            for (int input = 1; input < counts.length; input++) {
                kept = Math.min(kept, counts[input][rowId]);
            }
            return plan.all() ? kept : Math.min(kept, 1);
        }
        long others = 0;
        for (int input = 1; input < counts.length; input++) {
            others += counts[input][rowId];
        }
        if (plan.all()) {
            return Math.max(first - others, 0);
        }
        return first > 0 && others == 0 ? 1 : 0;
    }

    @Override
    public void close() {
        try {
            if (rows != null) {
                rows.close();
            }
        } finally {
            UnionOperator.closeAll(inputs);
        }
    }

    @Override
    public String toString() {
        return plan.toString();
    }
}
