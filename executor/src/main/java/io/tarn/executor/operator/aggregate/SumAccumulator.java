package io.tarn.executor.operator.aggregate;

import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.DataType;
import org.apache.arrow.vector.FieldVector;

import java.util.List;

/** SUM(x): NULL for a group without non-null values. State: the sum in the call's type. */
final class SumAccumulator implements Accumulator {
    private final int argument;
    private final SumState sums;

    SumAccumulator(int argument, DataType argumentType) {
        this.argument = argument;
        this.sums = SumState.forType(argumentType);
    }

    @Override
    public void ensureGroups(int groupCount) {
        sums.ensureGroups(groupCount);
    }

    @Override
    public void add(Batch batch, int[] groupIds, int[] rows, int count) {
        sums.add(batch.column(argument), groupIds, rows, count);
    }

    @Override
    public void merge(Batch batch, int firstStateColumn, int[] groupIds, int[] rows, int count) {
        sums.add(batch.column(firstStateColumn), groupIds, rows, count);
    }

    @Override
    public void writeResult(int fromGroup, int count, FieldVector target) {
        for (int i = 0; i < count; i++) {
            sums.write(fromGroup + i, target, i);
        }
    }

    @Override
    public void writeStates(int fromGroup, int count, List<FieldVector> targets) {
        writeResult(fromGroup, count, targets.get(0));
    }
}
