package io.tarn.executor.operator.sort;

import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.executor.ExecutionContext;
import io.tarn.executor.ExecutionException;
import io.tarn.executor.plan.SortKey;
import io.tarn.executor.spill.SpillSpace;
import io.tarn.executor.vector.BatchFixtures;
import io.tarn.executor.vector.FixtureOperator;
import io.tarn.executor.vector.OperatorResults;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TestSortOperator {
    private static final RowSchema SCHEMA = BatchFixtures.schema(DataType.INTEGER, DataType.VARCHAR, DataType.DOUBLE, DataType.BIGINT);

    private final BufferAllocator allocator = new RootAllocator();
    private final ExecutionContext context = new ExecutionContext(allocator, 1, 1000, ZoneOffset.UTC);

    @AfterEach
    void checkLeaks() {
        assertEquals(0, allocator.getAllocatedMemory());
        allocator.close();
    }

    /** Rows with many duplicates and NULLs; column 3 is the original position, to check stability. */
    private static List<List<Object>> randomRows(int count, long seed) {
        Random random = new Random(seed);
        List<List<Object>> rows = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            rows.add(Arrays.asList(
                    random.nextInt(10) == 0 ? null : (long) random.nextInt(20) - 10,
                    random.nextInt(8) == 0 ? null : "k" + random.nextInt(30),
                    random.nextInt(9) == 0 ? null : random.nextInt(7) / 2.0,
                    i));
        }
        return rows;
    }

    @SuppressWarnings("unchecked")
    private static Comparator<List<Object>> expectedOrder(List<SortKey> keys) {
        Comparator<List<Object>> order = (a, b) -> 0;
        for (SortKey key : keys) {
            Comparator<Comparable<Object>> values = Comparator.naturalOrder();
            if (key.descending()) {
                values = values.reversed();
            }
            values = key.nullsFirst() ? Comparator.nullsFirst(values) : Comparator.nullsLast(values);
            Comparator<Comparable<Object>> finalValues = values;
            order = order.thenComparing(row -> (Comparable<Object>) row.get(key.column()), finalValues);
        }
        return order;
    }

    private List<List<Object>> sort(List<List<Object>> rows, int chunk, List<SortKey> keys, long offset, long limit) {
        FixtureOperator input = new FixtureOperator(SCHEMA, OperatorResults.chunks(rows, chunk), allocator);
        List<List<Object>> result = OperatorResults.drain(new SortOperator(input, keys, offset, limit, context));
        assertEquals(1, input.closes());
        return result;
    }

    @Test
    void sortsStablyWithDirectionsAndNullOrdering() {
        List<List<Object>> rows = randomRows(2500, 7);
        List<List<SortKey>> keyLists = List.of(
                List.of(new SortKey(0, false, false)),
                List.of(new SortKey(1, true, true), new SortKey(0, false, true)),
                List.of(new SortKey(2, true, false), new SortKey(1, false, false)));
        for (List<SortKey> keys : keyLists) {
            List<List<Object>> expected = rows.stream().sorted(expectedOrder(keys)).toList();
            assertEquals(expected, sort(rows, 333, keys, 0, -1), keys.toString());
        }
    }

    @Test
    void topNKeepsTheBestRowsAfterCompaction() {
        List<List<Object>> rows = randomRows(12_000, 11);
        List<SortKey> keys = List.of(new SortKey(1, false, false), new SortKey(2, true, true));
        List<List<Object>> fullySorted = rows.stream().sorted(expectedOrder(keys)).toList();
        long[][] cases = {{0, 10}, {5, 10}, {0, 0}, {11_990, 50}, {0, 3000}};
        for (long[] c : cases) {
            int from = (int) Math.min(c[0], rows.size());
            int to = (int) Math.min(rows.size(), c[0] + c[1]);
            assertEquals(fullySorted.subList(from, to), sort(rows, 1000, keys, c[0], c[1]), Arrays.toString(c));
        }
        assertEquals(fullySorted.subList(100, rows.size()), sort(rows, 1000, keys, 100, -1));
    }

    @Test
    void exceedingTheMemoryLimitIsReportedAndReleasesEverything() {
        List<List<Object>> rows = randomRows(20_000, 5);
        try (BufferAllocator limited = allocator.newChildAllocator("query", 0, 256 * 1024)) {
            // a spill budget far above the allocator's limit: the sort never spills, so the allocator's limit is hit
            ExecutionContext small = new ExecutionContext(limited, 1, 1000, ZoneOffset.UTC, new SpillSpace(null, 1L << 40));
            FixtureOperator input = new FixtureOperator(SCHEMA, OperatorResults.chunks(rows, 1000), allocator);
            SortOperator sort = new SortOperator(input, List.of(new SortKey(0, false, false)), 0, -1, small);
            ExecutionException error = assertThrows(ExecutionException.class, sort::next);
            assertEquals("53200", error.sqlState());
            assertEquals(true, error.getMessage().contains(String.valueOf(256 * 1024)), error.getMessage());
            sort.close();
            assertEquals(0, limited.getAllocatedMemory());
        }
    }

    @Test
    void emptyInputSingleRowBatchesAndAllNullKeys() {
        List<SortKey> keys = List.of(new SortKey(0, false, true));
        assertEquals(List.of(), sort(List.of(), 10, keys, 0, -1));
        List<List<Object>> rows = randomRows(7, 3);
        assertEquals(rows.stream().sorted(expectedOrder(keys)).toList(), sort(rows, 1, keys, 0, -1));
        List<List<Object>> nulls = new ArrayList<>();
        for (long i = 0; i < 5; i++) {
            nulls.add(Arrays.asList(null, null, null, i));
        }
        assertEquals(nulls, sort(nulls, 2, List.of(new SortKey(0, true, false), new SortKey(1, false, true)), 0, -1));
    }
}
