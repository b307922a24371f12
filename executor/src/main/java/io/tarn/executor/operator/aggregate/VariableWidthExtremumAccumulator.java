package io.tarn.executor.operator.aggregate;

import io.tarn.catalog.type.Batch;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

import java.util.Arrays;
import java.util.List;

/**
 * MIN / MAX / ANY_VALUE of strings or binaries: one byte array per group (a null array is SQL NULL), compared as
 * unsigned bytes (UTF-8 code point order); bytes are copied only when a group's value changes.
 */
final class VariableWidthExtremumAccumulator implements Accumulator {
    private final int argument;
    private final ExtremumKind kind;
    private byte[][] kept = new byte[16][];

    VariableWidthExtremumAccumulator(int argument, ExtremumKind kind) {
        this.argument = argument;
        this.kind = kind;
    }

    @Override
    public void ensureGroups(int groupCount) {
        if (groupCount > kept.length) {
            kept = Arrays.copyOf(kept, Math.max(groupCount, kept.length * 2));
        }
    }

    @Override
    public void add(Batch batch, int[] groupIds, int[] rows, int count) {
        accumulate((BaseVariableWidthVector) batch.column(argument), groupIds, rows, count);
    }

    @Override
    public void merge(Batch batch, int firstStateColumn, int[] groupIds, int[] rows, int count) {
        accumulate((BaseVariableWidthVector) batch.column(firstStateColumn), groupIds, rows, count);
    }

    private void accumulate(BaseVariableWidthVector values, int[] groupIds, int[] rows, int count) {
        ArrowBuf data = values.getDataBuffer();
        for (int i = 0; i < count; i++) {
            int row = rows[i];
            if (values.isNull(row)) {
                continue;
            }
            int group = groupIds[row];
            int start = values.getStartOffset(row);
            int end = values.getEndOffset(row);
            if (kept[group] == null || kind.replaces(compare(data, start, end, kept[group]))) {
                byte[] bytes = new byte[end - start];
                data.getBytes(start, bytes);
                kept[group] = bytes;
            }
        }
    }

    private static int compare(ArrowBuf data, int start, int end, byte[] other) {
        int length = Math.min(end - start, other.length);
        for (int k = 0; k < length; k++) {
            int difference = (data.getByte(start + k) & 0xff) - (other[k] & 0xff);
            if (difference != 0) {
                return difference;
            }
        }
        return Integer.compare(end - start, other.length);
    }

    @Override
    public void writeResult(int fromGroup, int count, FieldVector target) {
        BaseVariableWidthVector out = (BaseVariableWidthVector) target;
        for (int i = 0; i < count; i++) {
            byte[] value = kept[fromGroup + i];
            if (value == null) {
                ResultWriters.writeNull(out, i);
            } else {
                out.setSafe(i, value);
            }
        }
    }

    @Override
    public void writeStates(int fromGroup, int count, List<FieldVector> targets) {
        writeResult(fromGroup, count, targets.get(0));
    }
}
