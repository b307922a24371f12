package io.tarn.executor.operator.aggregate;

import io.tarn.catalog.type.Batch;
import io.tarn.executor.ExecutionException;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;

import java.util.Arrays;
import java.util.List;

/**
 * SINGLE_VALUE(x) for scalar subqueries: the group's only value (NULL when empty); a second row is an error
 * (SQLState 21000). State: the value and the BIGINT row count.
 */
final class SingleValueAccumulator implements Accumulator {
    private final Accumulator value;
    private long[] rowCounts = new long[16];

    SingleValueAccumulator(Accumulator anyValue) {
        this.value = anyValue;
    }

    @Override
    public void ensureGroups(int groupCount) {
        value.ensureGroups(groupCount);
        if (groupCount > rowCounts.length) {
            rowCounts = Arrays.copyOf(rowCounts, Math.max(groupCount, rowCounts.length * 2));
        }
    }

    @Override
    public void add(Batch batch, int[] groupIds, int[] rows, int count) {
        for (int i = 0; i < count; i++) {
            countRows(groupIds[rows[i]], 1);
        }
        value.add(batch, groupIds, rows, count);
    }

    @Override
    public void merge(Batch batch, int firstStateColumn, int[] groupIds, int[] rows, int count) {
        BigIntVector counts = (BigIntVector) batch.column(firstStateColumn + 1);
        for (int i = 0; i < count; i++) {
            int row = rows[i];
            countRows(groupIds[row], counts.isNull(row) ? 0 : counts.get(row));
        }
        value.merge(batch, firstStateColumn, groupIds, rows, count);
    }

    private void countRows(int group, long rows) {
        rowCounts[group] += rows;
        if (rowCounts[group] > 1) {
            throw new ExecutionException(ExecutionException.CARDINALITY_VIOLATION,
                    "more than one row returned by a subquery used as an expression");
        }
    }

    @Override
    public void writeResult(int fromGroup, int count, FieldVector target) {
        value.writeResult(fromGroup, count, target);
    }

    @Override
    public void writeStates(int fromGroup, int count, List<FieldVector> targets) {
        value.writeResult(fromGroup, count, targets.get(0));
        for (int i = 0; i < count; i++) {
            ResultWriters.writeLong(targets.get(1), i, rowCounts[fromGroup + i]);
        }
    }

    @Override
    public void close() {
        value.close();
    }
}
