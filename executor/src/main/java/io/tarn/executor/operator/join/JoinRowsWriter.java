package io.tarn.executor.operator.join;

import io.tarn.catalog.type.Batch;
import io.tarn.executor.vector.VectorCopier;
import io.tarn.executor.vector.Vectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

import java.util.List;

/**
 * Materializes joined rows: left columns from the probe batch, right columns from the retained build batches, either
 * side NULL where its row index is -1.
 */
final class JoinRowsWriter {
    private final List<Field> leftFields;
    private final List<Field> rightFields;
    private final BufferAllocator allocator;

    JoinRowsWriter(List<Field> leftFields, List<Field> rightFields, BufferAllocator allocator) {
        this.leftFields = List.copyOf(leftFields);
        this.rightFields = List.copyOf(rightFields);
        this.allocator = allocator;
    }

    /** A batch of pairs {@code [from, from + count)}; {@code probe} may be null when every probe row is -1. */
    Batch write(Batch probe, JoinPairs pairs, int from, int count, JoinHashTable table) {
        List<FieldVector> vectors = Vectors.create(concat(), allocator, count);
        try {
            int[] probeRows = slice(pairs.probeRows(), from, count);
            int[] buildRows = slice(pairs.buildRows(), from, count);
            for (int c = 0; c < leftFields.size(); c++) {
                writeLeft(probe == null ? null : probe.column(c), probeRows, vectors.get(c));
            }
            for (int c = 0; c < rightFields.size(); c++) {
                writeRight(table, c, buildRows, vectors.get(leftFields.size() + c));
            }
            for (FieldVector vector : vectors) {
                vector.setValueCount(count);
            }
        } catch (RuntimeException | Error e) {
            Vectors.closeAll(vectors);
            throw e;
        }
        return new Batch(vectors, count);
    }

    private static void writeLeft(FieldVector source, int[] rows, FieldVector target) {
        VectorCopier.ensureCapacity(target, rows.length);
        if (source != null && allPresent(rows)) {
            VectorCopier.appendSelected(source, rows, rows.length, target, 0);
            return;
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] < 0) {
                target.setNull(i);
            } else {
                target.copyFromSafe(rows[i], i, source);
            }
        }
    }

    private static void writeRight(JoinHashTable table, int column, int[] rows, FieldVector target) {
        VectorCopier.ensureCapacity(target, rows.length);
        List<Batch> batches = table.batches();
        for (int i = 0; i < rows.length; i++) {
            int row = rows[i];
            if (row < 0) {
                target.setNull(i);
            } else {
                target.copyFromSafe(table.rowInBatch(row), i, batches.get(table.batchIndex(row)).column(column));
            }
        }
    }

    private static boolean allPresent(int[] rows) {
        for (int row : rows) {
            if (row < 0) {
                return false;
            }
        }
        return true;
    }

    private static int[] slice(int[] values, int from, int count) {
        int[] slice = new int[count];
        System.arraycopy(values, from, slice, 0, count);
        return slice;
    }

    private List<Field> concat() {
        return java.util.stream.Stream.concat(leftFields.stream(), rightFields.stream()).toList();
    }
}
