package io.tarn.executor.spill;

import io.tarn.catalog.type.Batch;
import io.tarn.executor.vector.RowHasher;
import io.tarn.executor.vector.VectorCopier;
import org.apache.arrow.memory.BufferAllocator;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Rows written to {@link #PARTITIONS} spill files by the hash of their key columns, as grace hash join and hash
 * aggregation need: rows with equal keys (NULLs equal) land in the same partition on every side that uses the same
 * key types and {@code level}. Each level mixes the hash differently, so a partition that is still too big can be
 * split again by writing its rows to a spill of the next level.
 */
public final class PartitionedSpill implements AutoCloseable {
    /** Partitions per level: enough that one level usually suffices, few enough to keep files and buffers small. */
    public static final int PARTITIONS = 16;
    /** Levels of re-partitioning before giving up: 16^4 = 65536 partitions separate all but a few huge keys. */
    public static final int MAX_LEVEL = 4;
    private static final int PARTITION_BITS = Integer.numberOfTrailingZeros(PARTITIONS);
    private static final long LEVEL_SALT = 0x632be59bd9b4e019L;

    private final int[] keys;
    private final int level;
    private final BufferAllocator allocator;
    private final List<SpillFile> files = new ArrayList<>(PARTITIONS);

    /** Partitions rows by {@code keys} at {@code level} (0 for the first split), copying through {@code allocator}. */
    public PartitionedSpill(SpillSpace space, String purpose, int[] keys, int level, BufferAllocator allocator) {
        requireNonNull(space, "space is null");
        requireNonNull(purpose, "purpose is null");
        this.keys = requireNonNull(keys, "keys is null").clone();
        this.level = level;
        this.allocator = requireNonNull(allocator, "allocator is null");
        try {
            for (int p = 0; p < PARTITIONS; p++) {
                files.add(space.newFile(purpose + "-l" + level + "-p" + p));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public int level() {
        return level;
    }

    /** Writes every row of {@code batch} to its partition's file; the caller keeps the batch. */
    public void write(Batch batch) {
        int rowCount = batch.rowCount();
        if (rowCount == 0) {
            return;
        }
        int[] partitionOfRow = partitionsOf(batch, keys, level);
        int[] counts = new int[PARTITIONS];
        for (int row = 0; row < rowCount; row++) {
            counts[partitionOfRow[row]]++;
        }
        for (int p = 0; p < PARTITIONS; p++) {
            if (counts[p] == rowCount) {
                files.get(p).write(batch);
                return;
            }
        }
        int[] selection = new int[rowCount];
        for (int p = 0; p < PARTITIONS; p++) {
            if (counts[p] == 0) {
                continue;
            }
            int count = 0;
            for (int row = 0; row < rowCount; row++) {
                if (partitionOfRow[row] == p) {
                    selection[count++] = row;
                }
            }
            try (Batch rows = VectorCopier.copyRows(batch, selection, count, allocator)) {
                files.get(p).write(rows);
            }
        }
    }

    /** Finishes writing every partition's file. */
    public void finish() {
        for (SpillFile file : files) {
            file.finish();
        }
    }

    /** The file of partition {@code partition} (0..PARTITIONS-1), still owned by this spill. */
    public SpillFile partition(int partition) {
        return files.get(partition);
    }

    /** Rows written to all partitions. */
    public long rowCount() {
        long rows = 0;
        for (SpillFile file : files) {
            rows += file.rowCount();
        }
        return rows;
    }

    /** The partition of every row of {@code batch} by its {@code keys} columns at {@code level}. */
    static int[] partitionsOf(Batch batch, int[] keys, int level) {
        int rowCount = batch.rowCount();
        long[] hashes = new long[rowCount];
        RowHasher.hash(batch.columns(), keys, rowCount, hashes);
        long salt = LEVEL_SALT * (level + 1);
        int[] partitions = new int[rowCount];
        for (int row = 0; row < rowCount; row++) {
            // the top bits: hash tables index by the low bits of the same hashes
            partitions[row] = (int) (RowHasher.mix(hashes[row] ^ salt) >>> (64 - PARTITION_BITS));
        }
        return partitions;
    }

    /** Deletes every partition's file. */
    @Override
    public void close() {
        for (SpillFile file : files) {
            file.close();
        }
        files.clear();
    }
}
