package io.tarn.executor.vector;

import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.Column;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.catalog.type.Values;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestVectorUtilities {
    private static final RowSchema SCHEMA = new RowSchema(List.of(
            new Column("i", DataType.INTEGER),
            new Column("b", DataType.BIGINT),
            new Column("s", DataType.VARCHAR),
            new Column("d", DataType.decimal(12, 2)),
            new Column("f", DataType.BOOLEAN),
            new Column("x", DataType.DOUBLE)));

    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void checkLeaks() {
        assertEquals(0, allocator.getAllocatedMemory());
        allocator.close();
    }

    static List<List<Object>> sampleRows(int count) {
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < count; r++) {
            if (r % 7 == 3) {
                rows.add(Arrays.asList(null, null, null, null, null, null));
            } else {
                rows.add(List.of((long) r, r * 1000L, "row-" + r, BigDecimal.valueOf(r * 101L, 2), r % 2 == 0, r / 4.0));
            }
        }
        return rows;
    }

    static Batch batch(RowSchema schema, List<List<Object>> rows, BufferAllocator allocator) {
        List<FieldVector> vectors = Vectors.create(schema, allocator);
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < vectors.size(); c++) {
                Values.set(vectors.get(c), r, rows.get(r).get(c));
            }
        }
        vectors.forEach(v -> v.setValueCount(rows.size()));
        return new Batch(vectors, rows.size());
    }

    static List<List<Object>> rows(Batch batch) {
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < batch.rowCount(); r++) {
            List<Object> row = new ArrayList<>();
            for (FieldVector vector : batch.columns()) {
                row.add(Values.get(vector, r));
            }
            rows.add(row);
        }
        return rows;
    }

    @Test
    void copyRowsKeepsSelectedRowsInOrder() {
        List<List<Object>> rows = sampleRows(20);
        int[] selection = {19, 3, 0, 10, 10, 17};
        try (Batch input = batch(SCHEMA, rows, allocator);
             Batch copy = VectorCopier.copyRows(input, selection, selection.length, allocator)) {
            List<List<Object>> expected = Arrays.stream(selection).mapToObj(rows::get).toList();
            assertEquals(expected, rows(copy));
        }
    }

    /**
     * The buffer-copy paths against {@code copyFromSafe} row by row, on random rows with and without NULLs, strings of
     * 0 to 300 bytes (so the target's data buffer grows mid-copy), selections with runs and repeats, and targets that
     * already hold rows or skipped positions set NULL.
     */
    @Test
    void bulkCopiesMatchCopyFromSafe() {
        RowSchema schema = new RowSchema(List.of(new Column("i", DataType.INTEGER), new Column("b", DataType.BIGINT),
                new Column("s", DataType.VARCHAR), new Column("v", DataType.of(io.tarn.catalog.type.TypeKind.VARBINARY)),
                new Column("d", DataType.decimal(20, 3)), new Column("f", DataType.BOOLEAN)));
        java.util.Random random = new java.util.Random(5);
        for (int round = 0; round < 60; round++) {
            double nullChance = round % 3 == 0 ? 0 : 0.3;
            int rowCount = random.nextInt(400);
            List<List<Object>> rows = new ArrayList<>();
            for (int r = 0; r < rowCount; r++) {
                List<Object> row = new ArrayList<>();
                row.add(random.nextDouble() < nullChance ? null : (long) random.nextInt());
                row.add(random.nextDouble() < nullChance ? null : random.nextLong());
                row.add(random.nextDouble() < nullChance ? null : "x".repeat(random.nextInt(random.nextBoolean() ? 8 : 300)));
                byte[] bytes = new byte[random.nextInt(20)];
                random.nextBytes(bytes);
                row.add(random.nextDouble() < nullChance ? null : bytes);
                row.add(random.nextDouble() < nullChance ? null : BigDecimal.valueOf(random.nextLong(), 3));
                row.add(random.nextDouble() < nullChance ? null : random.nextBoolean());
                rows.add(row);
            }
            int[] selection = randomSelection(random, rowCount);
            int rangeFrom = rowCount == 0 ? 0 : random.nextInt(rowCount);
            int rangeCount = rowCount == 0 ? 0 : random.nextInt(rowCount - rangeFrom + 1);
            int prefix = rowCount == 0 ? 0 : random.nextInt(Math.min(rowCount, 20));
            int gap = random.nextInt(3);
            try (Batch input = batch(schema, rows, allocator)) {
                for (int c = 0; c < schema.size(); c++) {
                    FieldVector source = input.column(c);
                    try (FieldVector fast = Vectors.create(source.getField(), allocator);
                         FieldVector slow = Vectors.create(source.getField(), allocator)) {
                        int position = 0;
                        for (FieldVector target : List.of(fast, slow)) {
                            position = 0;
                            for (int r = 0; r < prefix; r++) {
                                target.copyFromSafe(r, position++, source);
                            }
                            for (int g = 0; g < gap; g++) {
                                target.setNull(position++);
                            }
                        }
                        VectorCopier.appendSelected(source, selection, selection.length, fast, position);
                        VectorCopier.appendRange(source, rangeFrom, rangeCount, fast, position + selection.length);
                        for (int i = 0; i < selection.length; i++) {
                            slow.copyFromSafe(selection[i], position + i, source);
                        }
                        for (int i = 0; i < rangeCount; i++) {
                            slow.copyFromSafe(rangeFrom + i, position + selection.length + i, source);
                        }
                        int total = position + selection.length + rangeCount;
                        fast.setValueCount(total);
                        slow.setValueCount(total);
                        String context = source.getField() + " round " + round;
                        assertEquals(comparable(BatchFixtures.values(slow, total)), comparable(BatchFixtures.values(fast, total)), context);
                        for (int r = 0; r < total; r++) {
                            assertEquals(slow.isNull(r), fast.isNull(r), context + " row " + r);
                        }
                    }
                }
            }
        }
    }

    /** Values with byte arrays as lists, which compare by content. */
    private static List<Object> comparable(List<Object> values) {
        return values.stream().map(v -> v instanceof byte[] bytes ? (Object) Arrays.toString(bytes) : v).toList();
    }

    /** Random rows with runs of consecutive ones, repeats and jumps back; sometimes empty. */
    private static int[] randomSelection(java.util.Random random, int rowCount) {
        if (rowCount == 0 || random.nextInt(10) == 0) {
            return new int[0];
        }
        int[] selection = new int[random.nextInt(2 * rowCount) + 1];
        int row = random.nextInt(rowCount);
        for (int i = 0; i < selection.length; i++) {
            selection[i] = row;
            row = random.nextInt(3) == 0 ? random.nextInt(rowCount) : (row + 1) % rowCount;
        }
        return selection;
    }

    /** Packed strings are equal exactly when the strings are, lengths 0 to 7 over bytes including 0 and 0xFF. */
    @Test
    void shortStringsPackOneToOne() {
        java.util.Random random = new java.util.Random(3);
        byte[] alphabet = {0, 1, 'a', (byte) 0x7F, (byte) 0x80, (byte) 0xFF};
        try (org.apache.arrow.vector.VarCharVector vector = new org.apache.arrow.vector.VarCharVector("s", allocator)) {
            int rows = 3000;
            List<String> strings = new ArrayList<>();
            for (int r = 0; r < rows; r++) {
                byte[] bytes = new byte[random.nextInt(ShortStrings.MAX_BYTES + 1)];
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = alphabet[random.nextInt(alphabet.length)];
                }
                vector.setSafe(r, bytes);
                strings.add(Arrays.toString(bytes));
            }
            vector.setSafe(rows, "12345678".getBytes(StandardCharsets.UTF_8));
            vector.setNull(rows); // a NULL whose slot still holds 8 bytes does not stop packing
            vector.setValueCount(rows + 1);
            long[] packed = new long[rows + 2];
            assertTrue(ShortStrings.read(vector, rows + 1, packed, 1));
            java.util.Map<Long, String> byPacked = new java.util.HashMap<>();
            java.util.Map<String, Long> byString = new java.util.HashMap<>();
            for (int r = 0; r < rows; r++) {
                String string = strings.get(r);
                long value = packed[r + 1];
                assertEquals(string, byPacked.computeIfAbsent(value, p -> string), "one string per packed value");
                assertEquals(value, byString.computeIfAbsent(string, x -> value), "one packed value per string");
            }
            assertEquals(0, packed[rows + 1]);
            vector.setSafe(rows, "12345678".getBytes(StandardCharsets.UTF_8));
            assertFalse(ShortStrings.read(vector, rows + 1, packed, 1), "8 bytes do not pack");
            // an offset outside the first..last range would read unchecked bytes: refused instead of read by address
            vector.getOffsetBuffer().setInt(2L * BaseVariableWidthVector.OFFSET_WIDTH, Integer.MAX_VALUE);
            assertThrows(IllegalStateException.class, () -> ShortStrings.read(vector, rows + 1, packed, 1));
        }
    }

    @Test
    void batchBuilderAppendsRowsRangesAndSelections() {
        List<List<Object>> rows = sampleRows(30);
        try (Batch input = batch(SCHEMA, rows, allocator); BatchBuilder builder = new BatchBuilder(SCHEMA, allocator)) {
            builder.append(input, 5);
            builder.appendRange(input, 9, 13);
            builder.appendSelected(input, new int[] {29, 1}, 2);
            List<List<Object>> expected = new ArrayList<>();
            expected.add(rows.get(5));
            expected.addAll(rows.subList(9, 22));
            expected.add(rows.get(29));
            expected.add(rows.get(1));
            try (Batch built = builder.build()) {
                assertEquals(expected.size(), built.rowCount());
                assertEquals(expected, rows(built));
            }
            builder.append(input, 0);
            assertEquals(1, builder.rowCount());
        }
    }

    @Test
    void nullTypedColumnsAreCopied() {
        RowSchema schema = new RowSchema(List.of(new Column("n", DataType.of(io.tarn.catalog.type.TypeKind.NULL)),
                new Column("i", DataType.INTEGER)));
        List<List<Object>> rows = List.of(Arrays.asList(null, 1L), Arrays.asList(null, 2L), Arrays.asList(null, 3L));
        try (Batch input = batch(schema, rows, allocator);
             Batch copy = VectorCopier.copyRows(input, new int[] {2, 0}, 2, allocator);
             BatchBuilder builder = new BatchBuilder(schema, allocator)) {
            assertEquals(List.of(rows.get(2), rows.get(0)), rows(copy));
            builder.append(input, 1);
            builder.appendRange(input, 0, 2);
            try (Batch built = builder.build(); Batch slice = Batches.slice(input, 1, 2, allocator)) {
                assertEquals(List.of(rows.get(1), rows.get(0), rows.get(1)), rows(built));
                assertEquals(rows.subList(1, 3), rows(slice));
            }
        }
    }

    @Test
    void sliceAndCopyAll() {
        List<List<Object>> rows = sampleRows(25);
        try (Batch input = batch(SCHEMA, rows, allocator);
             Batch slice = Batches.slice(input, 3, 11, allocator)) {
            assertEquals(rows.subList(3, 14), rows(slice));
            try (FieldVector copy = VectorCopier.copyAll(input.column(2), input.rowCount(), allocator)) {
                for (int r = 0; r < rows.size(); r++) {
                    assertEquals(rows.get(r).get(2), Values.get(copy, r));
                }
            }
        }
    }

    @Test
    void equalRowsHashAlikeAndCompareEqual() {
        List<List<Object>> rows = sampleRows(16);
        List<List<Object>> doubled = new ArrayList<>(rows);
        doubled.addAll(rows);
        int[] keys = {0, 2, 3, 4, 5};
        try (Batch input = batch(SCHEMA, doubled, allocator)) {
            long[] hashes = new long[input.rowCount()];
            RowHasher.hash(input.columns(), keys, input.rowCount(), hashes);
            RowEquality equality = RowEquality.of(input.columns(), keys, input.columns(), keys);
            for (int r = 0; r < rows.size(); r++) {
                assertEquals(hashes[r], hashes[r + rows.size()]);
                assertTrue(equality.equal(r, r + rows.size()));
            }
            assertNotEquals(hashes[0], hashes[1]);
            assertFalse(equality.equal(0, 1));
            assertTrue(equality.leftHasNull(3));
        }
    }

    @Test
    void integerWidthsHashAlike() {
        RowSchema ints = new RowSchema(List.of(new Column("a", DataType.INTEGER), new Column("b", DataType.BIGINT)));
        try (Batch input = batch(ints, List.of(List.of(42L, 42L), Arrays.asList(null, null)), allocator)) {
            long[] left = new long[2];
            long[] right = new long[2];
            RowHasher.hash(input.columns(), new int[] {0}, 2, left);
            RowHasher.hash(input.columns(), new int[] {1}, 2, right);
            assertEquals(left[0], right[0]);
            assertEquals(left[1], right[1]);
        }
    }

    @Test
    void stringComparisonFollowsUnsignedByteOrder() {
        List<String> words = List.of("", "a", "abcdefgh", "abcdefgi", "abcdefghij", "abcdefgh\u00e9", "abcdefghZ", "\u00e9t\u00e9",
                "zzzzzzzzzzzzzzzzzz", "abcdefgha");
        RowSchema schema = new RowSchema(List.of(new Column("s", DataType.VARCHAR)));
        try (Batch input = batch(schema, words.stream().map(w -> List.<Object>of(w)).toList(), allocator)) {
            ValueComparator comparator = ValueComparator.of(input.column(0), input.column(0));
            for (int i = 0; i < words.size(); i++) {
                for (int j = 0; j < words.size(); j++) {
                    int expected = Integer.signum(Arrays.compareUnsigned(words.get(i).getBytes(StandardCharsets.UTF_8),
                            words.get(j).getBytes(StandardCharsets.UTF_8)));
                    assertEquals(expected, Integer.signum(comparator.compare(i, j)), words.get(i) + " vs " + words.get(j));
                }
            }
        }
    }

    @Test
    void comparatorOrdersNegativeDecimalsAndStrings() {
        RowSchema schema = new RowSchema(List.of(new Column("d", DataType.decimal(20, 2)), new Column("s", DataType.VARCHAR)));
        try (Batch input = batch(schema, List.of(List.of(new BigDecimal("-1.50"), "ab"), List.of(new BigDecimal("2.00"), "b"),
                List.of(new BigDecimal("-3.25"), "abc")), allocator)) {
            ValueComparator decimals = ValueComparator.of(input.column(0), input.column(0));
            assertTrue(decimals.compare(0, 1) < 0);
            assertTrue(decimals.compare(2, 0) < 0);
            ValueComparator strings = ValueComparator.of(input.column(1), input.column(1));
            assertTrue(strings.compare(0, 2) < 0);
            assertTrue(strings.compare(1, 2) > 0);
        }
    }
}
