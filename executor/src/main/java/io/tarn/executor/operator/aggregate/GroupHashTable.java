package io.tarn.executor.operator.aggregate;

import io.tarn.catalog.type.Batch;
import io.tarn.executor.vector.IntegerColumns;
import io.tarn.executor.vector.RowEquality;
import io.tarn.executor.vector.RowHasher;
import io.tarn.executor.vector.ShortStrings;
import io.tarn.executor.vector.Vectors;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

import java.util.Arrays;
import java.util.List;

/**
 * Assigns dense group ids (0, 1, ...) to distinct key rows, NULLs equal. Open addressing over an int array of group
 * ids; each group's key values are copied once into growing key vectors, and an optional int tag per row (e.g. an
 * outer group id) is part of the key.
 */
public final class GroupHashTable implements AutoCloseable {
    private static final int EMPTY = -1;
    private static final int MAX_PACKED_KEYS = 8;
    /**
     * Packed tables whose slot array is at least this big load a whole batch's slots, then the groups found there,
     * before its rows are looked up: past the CPU caches each is a cache miss, and a plain loop lets those misses
     * overlap where the lookup loop waits on a slot, then on its group's hash and keys, row after row. (The one-key
     * layout reads one cache line per lookup, and loading ahead did not pay there: JMH partkey.)
     */
    private static final long BATCH_LOAD_MIN_BYTES = 1 << 20;

    private final List<FieldVector> keyVectors;
    private final int[] storedKeys;
    private int[] slots = new int[1024];
    private int mask = slots.length - 1;
    private long[] groupHashes = new long[256];
    private int[] groupTags = new int[256];
    private int groupCount;
    /**
     * When every key is integer-like or VARCHAR (and there are at most {@value #MAX_PACKED_KEYS}): each group's key
     * values as longs, per key, and a bit per key that is NULL; lookups then compare array elements instead of vectors.
     * Strings pack only up to {@link ShortStrings#MAX_BYTES}: the first batch with a longer one switches the table to
     * comparing vectors for good, dropping these arrays (the key vectors are kept either way; the groups' hashes, which
     * packed lookups take from the longs, are then recomputed from them).
     */
    private long[][] packedKeys;
    private byte[] packedNulls;
    private final boolean[] stringKeys;
    /** Whether lookups pass tags, which are mixed into the rows' hashes. */
    private final boolean tagged;
    /** What the batch-wide loads read, kept so that the JIT cannot drop them as unused. */
    private long loaded;
    /**
     * When the table has exactly one integer-like key and no tags (most GROUP BYs of a join key): open addressing
     * over (key, group + 1) pairs side by side in one array, 0 marking an empty slot, and the NULL key's group apart.
     * A lookup then reads one cache line, where the general layout reads a slot, then the group's hash, tag, null
     * bits and key from four other arrays: with 200,000 groups (TPC-H q17's part keys) those were cache misses.
     */
    private long[] keyGroupSlots;
    private int keyGroupMask;
    private int nullKeyGroup = EMPTY;

    /** A table over key columns of these fields; lookups pass no tags. */
    public GroupHashTable(List<Field> keyFields, BufferAllocator allocator) {
        this(keyFields, allocator, false);
    }

    /** A table over key columns of these fields whose lookups pass a tag per row (see {@link #findOrInsert}). */
    public static GroupHashTable tagged(List<Field> keyFields, BufferAllocator allocator) {
        return new GroupHashTable(keyFields, allocator, true);
    }

    private GroupHashTable(List<Field> keyFields, BufferAllocator allocator, boolean tagged) {
        this.keyVectors = Vectors.create(keyFields, allocator);
        this.tagged = tagged;
        this.storedKeys = new int[keyFields.size()];
        for (int k = 0; k < storedKeys.length; k++) {
            storedKeys[k] = k;
        }
        Arrays.fill(slots, EMPTY);
        this.stringKeys = new boolean[keyFields.size()];
        boolean packable = !keyFields.isEmpty() && keyFields.size() <= MAX_PACKED_KEYS;
        for (int k = 0; k < stringKeys.length; k++) {
            stringKeys[k] = ShortStrings.isString(keyFields.get(k));
            packable &= stringKeys[k] || IntegerColumns.isIntegerLike(keyFields.get(k));
        }
        boolean singleKey = !tagged && keyFields.size() == 1 && IntegerColumns.isIntegerLike(keyFields.get(0));
        this.keyGroupSlots = singleKey ? new long[2 * 1024] : null;
        this.keyGroupMask = 1024 - 1;
        this.packedKeys = packable && !singleKey ? new long[keyFields.size()][groupHashes.length] : null;
        this.packedNulls = packable && !singleKey ? new byte[groupHashes.length] : null;
    }

    public int groupCount() {
        return groupCount;
    }

    /**
     * Writes the group id of every row of {@code batch} (keyed by its {@code keys} columns) into {@code groupIds},
     * creating groups as needed.
     */
    public void findOrInsert(Batch batch, int[] keys, int[] groupIds) {
        findOrInsert(batch, keys, null, null, batch.rowCount(), groupIds);
    }

    /**
     * Like {@link #findOrInsert(Batch, int[], int[])} for rows {@code rows[0..count)} only (all rows when null), each
     * row's {@code tags[row]} (when not null) being part of its key. {@code groupIds} is indexed by row.
     */
    public void findOrInsert(Batch batch, int[] keys, int[] tags, int[] rows, int count, int[] groupIds) {
        if (keys.length == 0 && tags == null) {
            // a global aggregate: one group, no hashing (a fifth of a scan-and-sum's time went to it)
            if (count > 0 && groupCount == 0) {
                insert(batch, keys, 0, 0, 0, 0);
            }
            Arrays.fill(groupIds, 0, batch.rowCount(), 0);
            return;
        }
        if (keyGroupSlots != null) {
            if (tags != null) {
                throw new IllegalStateException("a table created without tags got tags; create it with GroupHashTable.tagged");
            }
            findOrInsertSingleKey(batch, keys[0], rows, count, groupIds);
            return;
        }
        long[][] packedValues = packedKeys == null ? null : readPacked(batch, keys);
        if (packedValues != null) {
            findOrInsertPacked(batch, keys, packedValues, tags, rows, count, groupIds);
            return;
        }
        long[] hashes = new long[batch.rowCount()];
        RowHasher.hash(batch.columns(), keys, batch.rowCount(), hashes);
        RowEquality equality = RowEquality.of(batch.columns(), keys, keyVectors, storedKeys);
        for (int i = 0; i < count; i++) {
            int row = rows == null ? i : rows[i];
            int tag = tags == null ? 0 : tags[row];
            long hash = tags == null ? hashes[row] : withTag(hashes[row], tag);
            groupIds[row] = findOrInsert(batch, keys, row, hash, tag, equality);
        }
    }

    /**
     * The batch's keys as longs, per key; null, with packing switched off, when a string key is too long to pack. The
     * groups then get the hashes of their key values that lookups in vectors use (packed lookups hash the longs).
     */
    private long[][] readPacked(Batch batch, int[] keys) {
        int rowCount = batch.rowCount();
        long[][] values = new long[keys.length][rowCount];
        for (int k = 0; k < keys.length; k++) {
            FieldVector vector = batch.column(keys[k]);
            if (!stringKeys[k]) {
                IntegerColumns.read(vector, rowCount, values[k], 0);
            } else if (!ShortStrings.read(vector, rowCount, values[k], 0)) {
                packedKeys = null;
                packedNulls = null;
                long[] hashes = new long[groupCount];
                RowHasher.hash(keyVectors(), storedKeys, groupCount, hashes);
                for (int group = 0; group < groupCount; group++) {
                    groupHashes[group] = tagged ? withTag(hashes[group], groupTags[group]) : hashes[group];
                }
                rehash();
                return null;
            }
        }
        return values;
    }

    private static long withTag(long hash, int tag) {
        return RowHasher.mix(hash ^ (tag * 0x9E3779B97F4A7C15L));
    }

    private void findOrInsertPacked(Batch batch, int[] keys, long[][] values, int[] tags, int[] rows, int count,
                                    int[] groupIds) {
        int rowCount = batch.rowCount();
        byte[] nulls = new byte[rowCount];
        for (int k = 0; k < keys.length; k++) {
            FieldVector vector = batch.column(keys[k]);
            if (vector.getNullCount() > 0) {
                for (int row = 0; row < rowCount; row++) {
                    if (vector.isNull(row)) {
                        nulls[row] |= (byte) (1 << k);
                        values[k][row] = 0;
                    }
                }
            }
        }
        // the packed longs hash far cheaper than the vectors' values (q1's strings); NULLs read as 0, their bits count
        long[] hashes = new long[rowCount];
        for (int row = 0; row < rowCount; row++) {
            hashes[row] = nulls[row];
        }
        for (long[] keyValues : values) {
            for (int row = 0; row < rowCount; row++) {
                hashes[row] = hashes[row] * 31 + RowHasher.mix(keyValues[row]);
            }
        }
        if (tags != null) {
            for (int i = 0; i < count; i++) {
                int row = rows == null ? i : rows[i];
                hashes[row] = withTag(hashes[row], tags[row]);
            }
        }
        if ((long) Integer.BYTES * slots.length >= BATCH_LOAD_MIN_BYTES) {
            loadPackedSlots(hashes, rows, count);
        }
        int previousRow = -1;
        for (int i = 0; i < count; i++) {
            int row = rows == null ? i : rows[i];
            int tag = tags == null ? 0 : tags[row];
            // a row keyed like the one before (runs in sorted input, few groups) takes its group without a lookup
            if (previousRow >= 0 && nulls[row] == nulls[previousRow] && (tags == null || tag == tags[previousRow])
                    && packedEqual(values, row, values, previousRow)) {
                groupIds[row] = groupIds[previousRow];
                previousRow = row;
                continue;
            }
            previousRow = row;
            long hash = hashes[row];
            int slot = (int) (hash & mask);
            while (true) {
                int group = slots[slot];
                if (group == EMPTY) {
                    group = insert(batch, keys, row, hash, tag, slot);
                    for (int k = 0; k < keys.length; k++) {
                        packedKeys[k][group] = values[k][row];
                    }
                    packedNulls[group] = nulls[row];
                    groupIds[row] = group;
                    break;
                }
                if (groupHashes[group] == hash && groupTags[group] == tag && packedNulls[group] == nulls[row]
                        && packedEqual(values, row, packedKeys, group)) {
                    groupIds[row] = group;
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
    }

    /**
     * Loads every row's first slot, then the first key of the group there, ahead of the lookups (see
     * {@link #BATCH_LOAD_MIN_BYTES}). Only a hint: inserts and rehashes during the lookups may change both.
     */
    private void loadPackedSlots(long[] hashes, int[] rows, int count) {
        int[] firstGroups = new int[count];
        long sum = 0;
        for (int i = 0; i < count; i++) {
            int group = slots[(int) (hashes[rows == null ? i : rows[i]] & mask)];
            firstGroups[i] = group;
            sum += group;
        }
        long[] firstKeys = packedKeys[0];
        for (int i = 0; i < count; i++) {
            int group = firstGroups[i];
            if (group != EMPTY) {
                sum += firstKeys[group] + groupHashes[group];
            }
        }
        loaded += sum;
    }

    private void findOrInsertSingleKey(Batch batch, int key, int[] rows, int count, int[] groupIds) {
        FieldVector vector = batch.column(key);
        long[] values = new long[batch.rowCount()];
        IntegerColumns.read(vector, batch.rowCount(), values, 0);
        boolean nullable = vector.getNullCount() > 0;
        int[] keys = {key};
        long previousValue = 0;
        int previousGroup = EMPTY;
        for (int i = 0; i < count; i++) {
            int row = rows == null ? i : rows[i];
            if (nullable && vector.isNull(row)) {
                if (nullKeyGroup == EMPTY) {
                    nullKeyGroup = addGroup(batch, keys, row, 0, 0);
                }
                groupIds[row] = nullKeyGroup;
                previousGroup = EMPTY;
                continue;
            }
            long value = values[row];
            // a row keyed like the one before (runs in sorted input, few groups) takes its group without a lookup
            if (previousGroup != EMPTY && value == previousValue) {
                groupIds[row] = previousGroup;
                continue;
            }
            previousValue = value;
            int slot = (int) (RowHasher.mix(value) & keyGroupMask);
            while (true) {
                long stored = keyGroupSlots[2 * slot + 1];
                if (stored == 0) {
                    int group = addGroup(batch, keys, row, 0, 0);
                    keyGroupSlots[2 * slot] = value;
                    keyGroupSlots[2 * slot + 1] = group + 1L;
                    groupIds[row] = group;
                    previousGroup = group;
                    if ((long) groupCount * 2 > keyGroupMask + 1) {
                        rehashKeyGroupSlots();
                    }
                    break;
                }
                if (keyGroupSlots[2 * slot] == value) {
                    groupIds[row] = (int) stored - 1;
                    previousGroup = groupIds[row];
                    break;
                }
                slot = (slot + 1) & keyGroupMask;
            }
        }
    }

    private void rehashKeyGroupSlots() {
        long[] old = keyGroupSlots;
        keyGroupSlots = new long[old.length * 2];
        keyGroupMask = keyGroupSlots.length / 2 - 1;
        for (int i = 0; i < old.length; i += 2) {
            if (old[i + 1] != 0) {
                int slot = (int) (RowHasher.mix(old[i]) & keyGroupMask);
                while (keyGroupSlots[2 * slot + 1] != 0) {
                    slot = (slot + 1) & keyGroupMask;
                }
                keyGroupSlots[2 * slot] = old[i];
                keyGroupSlots[2 * slot + 1] = old[i + 1];
            }
        }
    }

    private static boolean packedEqual(long[][] values, int row, long[][] otherValues, int otherRow) {
        for (int k = 0; k < values.length; k++) {
            if (otherValues[k][otherRow] != values[k][row]) {
                return false;
            }
        }
        return true;
    }

    private int findOrInsert(Batch batch, int[] keys, int row, long hash, int tag, RowEquality equality) {
        int slot = (int) (hash & mask);
        while (true) {
            int group = slots[slot];
            if (group == EMPTY) {
                return insert(batch, keys, row, hash, tag, slot);
            }
            if (groupHashes[group] == hash && groupTags[group] == tag && equality.equal(row, group)) {
                return group;
            }
            slot = (slot + 1) & mask;
        }
    }

    private int insert(Batch batch, int[] keys, int row, long hash, int tag, int slot) {
        int group = addGroup(batch, keys, row, hash, tag);
        slots[slot] = group;
        if (groupCount * 2 > slots.length) {
            rehash();
        }
        return group;
    }

    /** A new group keyed by row {@code row}'s keys: its hash and tag recorded, its key values copied. */
    private int addGroup(Batch batch, int[] keys, int row, long hash, int tag) {
        int group = groupCount++;
        if (group == groupHashes.length) {
            groupHashes = Arrays.copyOf(groupHashes, group * 2);
            groupTags = Arrays.copyOf(groupTags, group * 2);
            if (packedKeys != null) {
                for (int k = 0; k < packedKeys.length; k++) {
                    packedKeys[k] = Arrays.copyOf(packedKeys[k], group * 2);
                }
                packedNulls = Arrays.copyOf(packedNulls, group * 2);
            }
        }
        groupHashes[group] = hash;
        groupTags[group] = tag;
        for (int k = 0; k < keys.length; k++) {
            keyVectors.get(k).copyFromSafe(row, group, batch.column(keys[k]));
        }
        return group;
    }

    private void rehash() {
        slots = new int[slots.length * 2];
        mask = slots.length - 1;
        Arrays.fill(slots, EMPTY);
        for (int group = 0; group < groupCount; group++) {
            int slot = (int) (groupHashes[group] & mask);
            while (slots[slot] != EMPTY) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = group;
        }
    }

    /** The int tag that is part of group {@code group}'s key (0 when rows had none). */
    public int tag(int group) {
        return groupTags[group];
    }

    /** Bytes of the key vectors' buffers as allocated (they grow by doubling), plus the packed keys' arrays. */
    public long allocatedBytes() {
        long bytes = packedKeys == null ? 0 : ((long) Long.BYTES * packedKeys.length + 1) * packedNulls.length;
        bytes += keyGroupSlots == null ? 0 : (long) Long.BYTES * keyGroupSlots.length;
        for (FieldVector vector : keyVectors) {
            for (ArrowBuf buffer : vector.getBuffers(false)) {
                bytes += buffer.capacity();
            }
        }
        return bytes;
    }

    /** The key vectors, value count set to {@link #groupCount()}; still owned by this table. */
    public List<FieldVector> keyVectors() {
        for (FieldVector vector : keyVectors) {
            vector.setValueCount(groupCount);
        }
        return keyVectors;
    }

    @Override
    public void close() {
        Vectors.closeAll(keyVectors);
    }
}
