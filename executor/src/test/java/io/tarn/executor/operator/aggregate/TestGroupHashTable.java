package io.tarn.executor.operator.aggregate;

import io.tarn.catalog.type.ArrowTypes;
import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.catalog.type.Values;
import io.tarn.executor.vector.BatchFixtures;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TestGroupHashTable {
    /** Strings of 0 to 10 bytes, some differing only in length or in trailing NUL bytes. */
    private static final List<String> SHORT = List.of("", "A", "N", "R", "a\0", "\0", "\0\0", "abcdefg", "abcdef", "gfedcba");
    private static final List<String> LONG = List.of("abcdefgh", "abcdefg\0", "0123456789", "ABCDEFGHIJ");

    private final RootAllocator allocator = new RootAllocator();

    @AfterEach
    void checkNoLeaks() {
        assertEquals(0, allocator.getAllocatedMemory(), "leaked Arrow memory");
        allocator.close();
    }

    /** One integer key over many distinct values (the table grows several times), NULLs and repeats across batches. */
    @Test
    void singleIntegerKeyKeepsDenseGroupsAcrossGrowth() {
        RowSchema schema = BatchFixtures.schema(DataType.BIGINT);
        Random random = new Random(3);
        Map<Long, Integer> expected = new HashMap<>();
        int nullGroup = -1;
        try (GroupHashTable table = new GroupHashTable(List.of(ArrowTypes.field("k", DataType.BIGINT)), allocator)) {
            for (int b = 0; b < 20; b++) {
                List<List<Object>> rows = new ArrayList<>();
                for (int r = 0; r < 5000; r++) {
                    rows.add(Arrays.asList(random.nextInt(50) == 0 ? null : random.nextLong() % 30_000));
                }
                int[] groupIds = new int[rows.size()];
                try (Batch batch = BatchFixtures.batch(schema, rows, allocator)) {
                    table.findOrInsert(batch, new int[] {0}, groupIds);
                }
                for (int r = 0; r < rows.size(); r++) {
                    Long key = (Long) rows.get(r).get(0);
                    int next = expected.size() + (nullGroup >= 0 ? 1 : 0);
                    if (key == null) {
                        nullGroup = nullGroup >= 0 ? nullGroup : next;
                        assertEquals(nullGroup, groupIds[r]);
                    } else {
                        assertEquals(expected.computeIfAbsent(key, k -> next), groupIds[r], "key " + key);
                    }
                }
            }
            assertEquals(expected.size() + 1, table.groupCount());
            List<FieldVector> vectors = table.keyVectors();
            expected.forEach((key, group) -> assertEquals(key, Values.get(vectors.get(0), group)));
            assertEquals(null, Values.get(vectors.get(0), nullGroup));
        }
    }

    /**
     * Tables past a megabyte of slots load each batch's slots ahead of the lookups, and rehash in the middle of
     * batches; rows repeating the previous row's key (runs, NULL runs included) take its group without a lookup. One
     * BIGINT key (its own slot layout) and two (packed), each about 220,000 groups.
     */
    @Test
    void largeTablesKeepGroupsAcrossRehashesAndRuns() {
        for (int keyCount = 1; keyCount <= 2; keyCount++) {
            DataType[] types = new DataType[keyCount];
            Arrays.fill(types, DataType.BIGINT);
            RowSchema schema = BatchFixtures.schema(types);
            List<Field> fields = new ArrayList<>();
            int[] keys = new int[keyCount];
            for (int k = 0; k < keyCount; k++) {
                fields.add(ArrowTypes.field("k" + k, DataType.BIGINT));
                keys[k] = k;
            }
            Random random = new Random(keyCount);
            Map<List<Object>, Integer> expected = new HashMap<>();
            try (GroupHashTable table = new GroupHashTable(fields, allocator)) {
                List<Object> previous = null;
                for (int b = 0; b < 50; b++) {
                    List<List<Object>> rows = new ArrayList<>();
                    for (int r = 0; r < 8192; r++) {
                        List<Object> row = new ArrayList<>();
                        for (int k = 0; k < keyCount; k++) {
                            // NULLs and zeros differ only in the validity bit: a run must not join them
                            int pick = random.nextInt(100);
                            row.add(pick == 0 ? null : pick == 1 ? 0L : (long) random.nextInt(300_000 / keyCount));
                        }
                        rows.add(previous != null && random.nextInt(4) == 0 ? previous : row);
                        previous = rows.get(r);
                    }
                    int[] groupIds = new int[rows.size()];
                    try (Batch batch = BatchFixtures.batch(schema, rows, allocator)) {
                        table.findOrInsert(batch, keys, groupIds);
                    }
                    for (int r = 0; r < rows.size(); r++) {
                        int next = expected.size();
                        assertEquals(expected.computeIfAbsent(rows.get(r), key -> next), groupIds[r], "row " + rows.get(r));
                    }
                }
                assertEquals(expected.size(), table.groupCount());
                List<FieldVector> vectors = table.keyVectors();
                expected.forEach((key, group) -> {
                    for (int k = 0; k < key.size(); k++) {
                        assertEquals(key.get(k), Values.get(vectors.get(k), group));
                    }
                });
            }
        }
    }

    /** Short strings only: the table compares packed longs throughout. */
    @Test
    void shortStringKeysGroupLikeTheirValues() {
        assertGroups(new Random(1), 8, -1);
    }

    /** A string longer than 7 bytes mid-stream switches to comparing vectors; groups found before stay found. */
    @Test
    void longStringMidStreamKeepsGroups() {
        for (int seed = 0; seed < 5; seed++) {
            assertGroups(new Random(seed), 8, 3 + seed % 3);
        }
    }

    /**
     * Feeds batches of (VARCHAR, INTEGER, VARCHAR) rows with NULLs to a table keyed by all three, then to one keyed by
     * the first and a tag per row; half the calls pass a row subset. Group ids must be dense in order of first appearance, as a
     * map from the Java values gives them. From batch {@code longFrom} on (never when negative) strings may pass 7 bytes.
     */
    private void assertGroups(Random random, int batches, int longFrom) {
        RowSchema schema = BatchFixtures.schema(DataType.VARCHAR, DataType.INTEGER, DataType.VARCHAR);
        for (int[] keys : new int[][] {{0, 1, 2}, {0}, {1}, {1, -1}}) {
            // {1}: one integer key, no tags (its own slot layout); {1, -1}: the same key with tags
            boolean tagged = keys.length == 1 && keys[0] == 0 || keys.length == 2 && keys[1] == -1;
            keys = keys.length == 2 && keys[1] == -1 ? new int[] {1} : keys;
            List<Field> fields = new ArrayList<>();
            for (int key : keys) {
                fields.add(ArrowTypes.field("k" + key, schema.column(key).type()));
            }
            Map<List<Object>, Integer> expected = new HashMap<>();
            List<List<Object>> expectedKeys = new ArrayList<>();
            try (GroupHashTable table = tagged ? GroupHashTable.tagged(fields, allocator) : new GroupHashTable(fields, allocator)) {
                for (int b = 0; b < batches; b++) {
                    boolean longAllowed = longFrom >= 0 && b >= longFrom;
                    List<List<Object>> rows = new ArrayList<>();
                    int rowCount = b == 1 ? 0 : 1 + random.nextInt(200);
                    for (int r = 0; r < rowCount; r++) {
                        rows.add(Arrays.asList(string(random, longAllowed),
                                random.nextInt(8) == 0 ? null : (long) random.nextInt(3), string(random, longAllowed)));
                    }
                    boolean subset = b % 2 == 1;
                    int[] selected = subset ? random.ints(rowCount / 2, 0, Math.max(rowCount, 1)).distinct().toArray() : null;
                    int[] tags = tagged ? random.ints(rowCount, 0, 2).toArray() : null;
                    int count = subset ? selected.length : rowCount;
                    int[] groupIds = new int[rowCount];
                    try (Batch batch = BatchFixtures.batch(schema, rows, allocator)) {
                        table.findOrInsert(batch, keys, tags, selected, count, groupIds);
                    }
                    for (int i = 0; i < count; i++) {
                        int row = subset ? selected[i] : i;
                        List<Object> key = new ArrayList<>();
                        for (int k : keys) {
                            key.add(rows.get(row).get(k));
                        }
                        key.add(tags == null ? 0 : tags[row]);
                        Integer group = expected.get(key);
                        if (group == null) {
                            group = expected.size();
                            expected.put(key, group);
                            expectedKeys.add(key);
                        }
                        assertEquals(group, groupIds[row], "batch " + b + " row " + row + " key " + key);
                    }
                }
                assertEquals(expected.size(), table.groupCount());
                List<FieldVector> vectors = table.keyVectors();
                for (int group = 0; group < table.groupCount(); group++) {
                    List<Object> stored = new ArrayList<>();
                    for (FieldVector vector : vectors) {
                        stored.add(Values.get(vector, group));
                    }
                    stored.add(table.tag(group));
                    assertEquals(expectedKeys.get(group), stored);
                }
            }
        }
    }

    private static String string(Random random, boolean longAllowed) {
        int pick = random.nextInt(20);
        if (pick == 0) {
            return null;
        }
        return longAllowed && pick == 1 ? LONG.get(random.nextInt(LONG.size())) : SHORT.get(random.nextInt(SHORT.size()));
    }
}
