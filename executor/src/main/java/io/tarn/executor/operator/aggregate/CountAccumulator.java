package io.tarn.executor.operator.aggregate;

import io.tarn.catalog.type.Batch;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;

import java.util.Arrays;
import java.util.List;

/** COUNT(*) (no arguments) or COUNT(x, ...): rows whose arguments are all non-null. State: the BIGINT count. */
final class CountAccumulator implements Accumulator {
    private final int[] arguments;
    private long[] counts = new long[16];

    CountAccumulator(int[] arguments) {
        this.arguments = arguments.clone();
    }

    @Override
    public void ensureGroups(int groupCount) {
        if (groupCount > counts.length) {
            counts = Arrays.copyOf(counts, Math.max(groupCount, counts.length * 2));
        }
    }

    @Override
    public void add(Batch batch, int[] groupIds, int[] rows, int count) {
        if (noNulls(batch)) {
            for (int i = 0; i < count; i++) {
                counts[groupIds[rows[i]]]++;
            }
            return;
        }
        for (int i = 0; i < count; i++) {
            int row = rows[i];
            if (allPresent(batch, row)) {
                counts[groupIds[row]]++;
            }
        }
    }

    /** Whether every argument column is free of NULLs (always so for COUNT(*)): then every row counts. */
    private boolean noNulls(Batch batch) {
        for (int argument : arguments) {
            if (batch.column(argument).getNullCount() > 0) {
                return false;
            }
        }
        return true;
    }

    private boolean allPresent(Batch batch, int row) {
        for (int argument : arguments) {
            if (batch.column(argument).isNull(row)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void merge(Batch batch, int firstStateColumn, int[] groupIds, int[] rows, int count) {
        BigIntVector states = (BigIntVector) batch.column(firstStateColumn);
        for (int i = 0; i < count; i++) {
            int row = rows[i];
            if (!states.isNull(row)) {
                counts[groupIds[row]] += states.get(row);
            }
        }
    }

    @Override
    public void writeResult(int fromGroup, int count, FieldVector target) {
        for (int i = 0; i < count; i++) {
            ResultWriters.writeLong(target, i, counts[fromGroup + i]);
        }
    }

    @Override
    public void writeStates(int fromGroup, int count, List<FieldVector> targets) {
        writeResult(fromGroup, count, targets.get(0));
    }
}
