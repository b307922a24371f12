package io.tarn.executor.operator.join;

import io.tarn.catalog.type.Batch;
import io.tarn.executor.spill.MemoryEstimates;
import io.tarn.executor.vector.RowEquality;
import io.tarn.executor.vector.RowHasher;
import io.tarn.executor.vector.VectorCopier;
import io.tarn.executor.vector.Vectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The build side of a hash join: the retained build batches plus bucket chains in int arrays. A build row is named
 * by a dense id in build order. {@link #finishBuild} merges the batches into one (more only past the 2 GB a VARCHAR
 * vector can hold), so that a row id is normally the row's index in it and output rows are gathered from it with
 * {@link VectorCopier} instead of row by row across batches. Rows with a NULL in a key compared with SQL equality are
 * kept (for RIGHT/FULL output) but never chained, so they never match.
 */
final class JoinHashTable implements AutoCloseable {
    private static final int NO_ROW = -1;
    /** Heap bytes per build row: hash, flag, chain link and (at most two) bucket heads. */
    private static final int BYTES_PER_ROW = Long.BYTES + 1 + Integer.BYTES + 2 * Integer.BYTES;

    private final int[] keys;
    private final boolean[] nullsEqual;
    private final BufferAllocator allocator;
    private final long mergedBytesLimit;
    private final List<Batch> batches = new ArrayList<>();
    /** Once built: the row id of each batch's first row. */
    private int[] batchStarts;
    private long[] hashes = new long[1024];
    private boolean[] chainable = new boolean[1024];
    private int rowCount;
    private long batchBytes;
    private int[] buckets;
    private int[] next;
    private int mask;
    /** The build keys as longs when {@link PackedJoinKeys#applicable}; null otherwise. */
    private final PackedJoinKeys packedKeys;

    JoinHashTable(int[] keys, boolean[] nullsEqual, boolean packKeys, BufferAllocator allocator) {
        this(keys, nullsEqual, packKeys, allocator, Integer.MAX_VALUE);
    }

    /** With a lower limit than 32-bit offsets for the bytes of a merged VARCHAR column, to test merging into several. */
    JoinHashTable(int[] keys, boolean[] nullsEqual, boolean packKeys, BufferAllocator allocator, long mergedBytesLimit) {
        this.keys = keys;
        this.nullsEqual = nullsEqual;
        this.allocator = allocator;
        this.mergedBytesLimit = mergedBytesLimit;
        this.packedKeys = packKeys ? new PackedJoinKeys(keys.length, hashes.length) : null;
    }

    /** Adds a build batch, taking ownership of it. */
    void add(Batch batch) {
        if (batch.rowCount() == 0) {
            batch.close();
            return;
        }
        batches.add(batch);
        batchBytes += MemoryEstimates.bytesOf(batch);
        int count = batch.rowCount();
        ensureRowCapacity(rowCount + count);
        long[] batchHashes = new long[count];
        RowHasher.hash(batch.columns(), keys, count, batchHashes);
        System.arraycopy(batchHashes, 0, hashes, rowCount, count);
        Arrays.fill(chainable, rowCount, rowCount + count, true);
        for (int k = 0; k < keys.length; k++) {
            if (!nullsEqual[k]) {
                var vector = batch.column(keys[k]);
                for (int row = 0; row < count; row++) {
                    if (vector.isNull(row)) {
                        chainable[rowCount + row] = false;
                    }
                }
            }
        }
        if (packedKeys != null) {
            packedKeys.append(batch, keys, rowCount);
        }
        rowCount += count;
    }

    /** Merges the batches and builds the bucket chains, once every build batch was added. */
    void finishBuild() {
        mergeBatches();
        int size = Integer.highestOneBit(Math.max(rowCount, 1) * 2 - 1) << 1;
        buckets = new int[size];
        Arrays.fill(buckets, NO_ROW);
        next = new int[rowCount];
        mask = size - 1;
        // insert backwards so each chain lists rows in build order
        for (int row = rowCount - 1; row >= 0; row--) {
            if (chainable[row]) {
                int bucket = (int) (hashes[row] & mask);
                next[row] = buckets[bucket];
                buckets[bucket] = row;
            }
        }
    }

    int rowCount() {
        return rowCount;
    }

    /** An estimate of the memory the table holds: its batches' values and its arrays. */
    long estimatedBytes() {
        long packedBytes = packedKeys == null ? 0 : (long) Long.BYTES * keys.length * rowCount;
        return batchBytes + (long) BYTES_PER_ROW * rowCount + packedBytes;
    }

    int firstCandidate(long hash) {
        return buckets[(int) (hash & mask)];
    }

    /** The first candidate of each of {@code count} hashes, in one loop (see the packed probe). */
    int[] firstCandidates(long[] probeHashes, int count) {
        int[] heads = new int[count];
        int[] table = buckets;
        int tableMask = mask;
        for (int i = 0; i < count; i++) {
            heads[i] = table[(int) (probeHashes[i] & tableMask)];
        }
        return heads;
    }

    /** The chain links: {@code chainLinks()[row]} is {@link #nextCandidate}{@code (row)}. */
    int[] chainLinks() {
        return next;
    }

    int nextCandidate(int row) {
        return next[row];
    }

    long hash(int row) {
        return hashes[row];
    }

    /** The index in {@link #batches} of the batch holding build row {@code row}: 0 unless merging hit its limit. */
    int batchIndex(int row) {
        if (batchStarts.length == 1) {
            return 0;
        }
        int index = Arrays.binarySearch(batchStarts, row);
        return index >= 0 ? index : -index - 2;
    }

    /** The row id of the first row of batch {@code batch}: build row {@code row} is its batch's row {@code row - start}. */
    int batchStart(int batch) {
        return batchStarts[batch];
    }

    /** The build keys as longs, or null when the keys are not all integer-like (then use {@link #equalitiesFor}). */
    PackedJoinKeys packedKeys() {
        return packedKeys;
    }

    /** The build batches: as added until {@link #finishBuild}, merged after. */
    List<Batch> batches() {
        return batches;
    }

    /** Key equality between a probe batch and each build batch, bound once per probe batch. */
    RowEquality[] equalitiesFor(Batch probe, int[] probeKeys) {
        RowEquality[] equalities = new RowEquality[batches.size()];
        for (int b = 0; b < equalities.length; b++) {
            equalities[b] = RowEquality.of(probe.columns(), probeKeys, batches.get(b).columns(), keys);
        }
        return equalities;
    }

    private void ensureRowCapacity(int capacity) {
        if (capacity > hashes.length) {
            int size = Math.max(capacity, hashes.length * 2);
            hashes = Arrays.copyOf(hashes, size);
            chainable = Arrays.copyOf(chainable, size);
        }
    }

    /**
     * Replaces runs of consecutive batches by their concatenation, each run as long as every VARCHAR/VARBINARY column
     * stays within the 32-bit offsets of one vector. The parts' vectors are released column by column as they are
     * copied, so the build side's memory does not quite double.
     */
    private void mergeBatches() {
        List<Batch> merged = new ArrayList<>();
        int from = 0;
        try {
            while (from < batches.size()) {
                int to = mergeEnd(from);
                merged.add(to - from == 1 ? batches.get(from) : concatenate(batches.subList(from, to)));
                from = to;
            }
        } finally {
            // merged batches replace their parts, so that close() releases everything even after a failure
            batches.subList(0, from).clear();
            batches.addAll(0, merged);
        }
        batchStarts = new int[Math.max(1, batches.size())];
        batchBytes = 0;
        for (int b = 0; b < batches.size(); b++) {
            batchBytes += MemoryEstimates.bytesOf(batches.get(b));
            if (b > 0) {
                batchStarts[b] = batchStarts[b - 1] + batches.get(b - 1).rowCount();
            }
        }
    }

    /** The end of the run of batches from {@code from} whose variable-width columns fit the merge limit. */
    private int mergeEnd(int from) {
        long[] bytes = new long[batches.get(from).columnCount()];
        int to = from;
        while (to < batches.size()) {
            Batch batch = batches.get(to);
            for (int c = 0; c < bytes.length; c++) {
                if (batch.column(c) instanceof BaseVariableWidthVector vector) {
                    bytes[c] += vector.sizeOfValueBuffer();
                    if (bytes[c] > mergedBytesLimit && to > from) {
                        return to;
                    }
                }
            }
            to++;
        }
        return to;
    }

    private Batch concatenate(List<Batch> parts) {
        int rows = 0;
        for (Batch part : parts) {
            rows += part.rowCount();
        }
        List<FieldVector> columns = new ArrayList<>(parts.get(0).columnCount());
        try {
            for (int c = 0; c < parts.get(0).columnCount(); c++) {
                FieldVector target = Vectors.create(parts.get(0).column(c).getField(), allocator, rows);
                columns.add(target);
                int offset = 0;
                for (Batch part : parts) {
                    VectorCopier.appendRange(part.column(c), 0, part.rowCount(), target, offset);
                    offset += part.rowCount();
                    part.column(c).close();
                }
                target.setValueCount(rows);
            }
        } catch (RuntimeException | Error e) {
            Vectors.closeAll(columns);
            throw e;
        }
        for (Batch part : parts) {
            part.close();
        }
        return new Batch(columns, rows);
    }

    @Override
    public void close() {
        for (Batch batch : batches) {
            batch.close();
        }
        batches.clear();
    }
}
