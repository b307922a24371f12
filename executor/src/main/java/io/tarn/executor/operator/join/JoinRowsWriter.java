package io.tarn.executor.operator.join;

import io.tarn.catalog.type.Batch;
import io.tarn.executor.vector.VectorCopier;
import io.tarn.executor.vector.Vectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

import java.util.ArrayList;
import java.util.List;

/**
 * Materializes joined rows: left columns from the probe batch, right columns from the build table's batches (normally
 * one), either side NULL where its row index is -1.
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
            for (int c = 0; c < leftFields.size(); c++) {
                writeLeft(probe == null ? null : probe.column(c), probeRows, vectors.get(c));
            }
            List<BuildRun> runs = buildRuns(table, pairs.buildRows(), from, count);
            for (int c = 0; c < rightFields.size(); c++) {
                writeRight(table.batches(), c, runs, count, vectors.get(leftFields.size() + c));
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

    /**
     * Output rows {@code [from, from + count)}, taken from build batch {@code batch} at its rows {@code rows}, or all
     * NULL when {@code batch} is -1 (no build row).
     */
    private record BuildRun(int from, int count, int batch, int[] rows) {
    }

    /** Splits output rows {@code buildRows[offset, offset + count)} into runs by build batch, once for all columns. */
    private static List<BuildRun> buildRuns(JoinHashTable table, int[] buildRows, int offset, int count) {
        List<BuildRun> runs = new ArrayList<>();
        int from = 0;
        while (from < count) {
            int batch = batchOf(table, buildRows[offset + from]);
            int to = from + 1;
            while (to < count && batchOf(table, buildRows[offset + to]) == batch) {
                to++;
            }
            int[] rows = null;
            if (batch >= 0) {
                rows = new int[to - from];
                int start = table.batchStart(batch);
                for (int i = 0; i < rows.length; i++) {
                    rows[i] = buildRows[offset + from + i] - start;
                }
            }
            runs.add(new BuildRun(from, to - from, batch, rows));
            from = to;
        }
        return runs;
    }

    private static int batchOf(JoinHashTable table, int buildRow) {
        return buildRow < 0 ? -1 : table.batchIndex(buildRow);
    }

    private static void writeRight(List<Batch> batches, int column, List<BuildRun> runs, int count, FieldVector target) {
        VectorCopier.ensureCapacity(target, count);
        for (BuildRun run : runs) {
            if (run.batch() < 0) {
                for (int i = run.from(); i < run.from() + run.count(); i++) {
                    target.setNull(i);
                }
            } else {
                VectorCopier.appendSelected(batches.get(run.batch()).column(column), run.rows(), run.count(), target, run.from());
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
