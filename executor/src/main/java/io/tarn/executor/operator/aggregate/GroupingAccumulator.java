package io.tarn.executor.operator.aggregate;

import io.tarn.catalog.type.Batch;
import org.apache.arrow.vector.FieldVector;

import java.util.List;

/** GROUPING(k1, ...): a constant per grouping set, computed from which of its arguments the set groups by. */
final class GroupingAccumulator implements Accumulator {
    private final long value;

    GroupingAccumulator(long value) {
        this.value = value;
    }

    /** Bit i from the right (last argument = bit 0) is 1 when argument key i is not grouped in {@code groupedColumns}. */
    static long valueFor(int[] arguments, int[] groupedColumns) {
        long value = 0;
        for (int argument : arguments) {
            value <<= 1;
            if (!contains(groupedColumns, argument)) {
                value |= 1;
            }
        }
        return value;
    }

    private static boolean contains(int[] values, int value) {
        for (int candidate : values) {
            if (candidate == value) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void ensureGroups(int groupCount) {
    }

    @Override
    public void add(Batch batch, int[] groupIds, int[] rows, int count) {
    }

    @Override
    public void merge(Batch batch, int firstStateColumn, int[] groupIds, int[] rows, int count) {
    }

    @Override
    public void writeResult(int fromGroup, int count, FieldVector target) {
        for (int i = 0; i < count; i++) {
            ResultWriters.writeLong(target, i, value);
        }
    }

    @Override
    public void writeStates(int fromGroup, int count, List<FieldVector> targets) {
        writeResult(fromGroup, count, targets.get(0));
    }
}
