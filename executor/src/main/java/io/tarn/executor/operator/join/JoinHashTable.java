package io.tarn.executor.operator.join;

import io.tarn.catalog.type.Batch;
import io.tarn.executor.spill.MemoryEstimates;
import io.tarn.executor.vector.RowEquality;
import io.tarn.executor.vector.RowHasher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The build side of a hash join: the retained build batches plus bucket chains in int arrays. A build row is named
 * by a dense id; {@code batchOfRow}/{@code rowInBatch} locate it. Rows with a NULL in a key compared with SQL
 * equality are kept (for RIGHT/FULL output) but never chained, so they never match.
 */
final class JoinHashTable implements AutoCloseable {
    private static final int NO_ROW = -1;
    /** Heap bytes per build row: batch and row index, hash, flag, chain link and (at most two) bucket heads. */
    private static final int BYTES_PER_ROW = 2 * Integer.BYTES + Long.BYTES + 1 + Integer.BYTES + 2 * Integer.BYTES;

    private final int[] keys;
    private final boolean[] nullsEqual;
    private final List<Batch> batches = new ArrayList<>();
    private int[] batchOfRow = new int[1024];
    private int[] rowInBatch = new int[1024];
    private long[] hashes = new long[1024];
    private boolean[] chainable = new boolean[1024];
    private int rowCount;
    private long batchBytes;
    private int[] buckets;
    private int[] next;
    private int mask;
    /** The build keys as longs when {@link PackedJoinKeys#applicable}; null otherwise. */
    private final PackedJoinKeys packedKeys;

    JoinHashTable(int[] keys, boolean[] nullsEqual, boolean packKeys) {
        this.keys = keys;
        this.nullsEqual = nullsEqual;
        this.packedKeys = packKeys ? new PackedJoinKeys(keys.length, batchOfRow.length) : null;
    }

    /** Adds a build batch, taking ownership of it. */
    void add(Batch batch) {
        int batchIndex = batches.size();
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
        for (int row = 0; row < count; row++) {
            batchOfRow[rowCount + row] = batchIndex;
            rowInBatch[rowCount + row] = row;
        }
        if (packedKeys != null) {
            packedKeys.append(batch, keys, rowCount);
        }
        rowCount += count;
    }

    /** Builds the bucket chains once every build batch was added. */
    void finishBuild() {
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

    int nextCandidate(int row) {
        return next[row];
    }

    long hash(int row) {
        return hashes[row];
    }

    int batchIndex(int row) {
        return batchOfRow[row];
    }

    int rowInBatch(int row) {
        return rowInBatch[row];
    }

    /** The build keys as longs, or null when the keys are not all integer-like (then use {@link #equalitiesFor}). */
    PackedJoinKeys packedKeys() {
        return packedKeys;
    }

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
            batchOfRow = Arrays.copyOf(batchOfRow, size);
            rowInBatch = Arrays.copyOf(rowInBatch, size);
            hashes = Arrays.copyOf(hashes, size);
            chainable = Arrays.copyOf(chainable, size);
        }
    }

    @Override
    public void close() {
        for (Batch batch : batches) {
            batch.close();
        }
        batches.clear();
    }
}
