package io.tarn.executor.operator.aggregate;

import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.DataType;
import io.tarn.executor.vector.ValueComparator;
import io.tarn.executor.vector.VectorCopier;
import io.tarn.executor.vector.Vectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

import java.util.List;

/**
 * MIN / MAX / ANY_VALUE (and BOOL_AND / BOOL_OR as MIN / MAX of booleans) over a fixed-width type: the kept values
 * live in a vector of the argument's type indexed by group id, NULL until a group sees a non-null value.
 */
final class FixedWidthExtremumAccumulator implements Accumulator {
    private final int argument;
    private final ExtremumKind kind;
    private final FieldVector kept;

    FixedWidthExtremumAccumulator(int argument, DataType type, ExtremumKind kind, BufferAllocator allocator) {
        this.argument = argument;
        this.kind = kind;
        this.kept = Vectors.create("kept", type, allocator);
    }

    @Override
    public void ensureGroups(int groupCount) {
        VectorCopier.ensureCapacity(kept, groupCount);
    }

    @Override
    public void add(Batch batch, int[] groupIds, int[] rows, int count) {
        accumulate(batch.column(argument), groupIds, rows, count);
    }

    @Override
    public void merge(Batch batch, int firstStateColumn, int[] groupIds, int[] rows, int count) {
        accumulate(batch.column(firstStateColumn), groupIds, rows, count);
    }

    private void accumulate(FieldVector values, int[] groupIds, int[] rows, int count) {
        ValueComparator comparator = ValueComparator.of(values, kept);
        for (int i = 0; i < count; i++) {
            int row = rows[i];
            if (values.isNull(row)) {
                continue;
            }
            int group = groupIds[row];
            if (kept.isNull(group) || kind.replaces(comparator.compare(row, group))) {
                kept.copyFromSafe(row, group, values);
            }
        }
    }

    @Override
    public void writeResult(int fromGroup, int count, FieldVector target) {
        VectorCopier.appendRange(kept, fromGroup, count, target, 0);
    }

    @Override
    public void writeStates(int fromGroup, int count, List<FieldVector> targets) {
        writeResult(fromGroup, count, targets.get(0));
    }

    @Override
    public void close() {
        kept.close();
    }
}
