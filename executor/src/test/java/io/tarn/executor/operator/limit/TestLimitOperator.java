package io.tarn.executor.operator.limit;

import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.executor.ExecutionContext;
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
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TestLimitOperator {
    private static final RowSchema SCHEMA = BatchFixtures.schema(DataType.BIGINT, DataType.VARCHAR);

    private final BufferAllocator allocator = new RootAllocator();
    private final ExecutionContext context = new ExecutionContext(allocator, 1, 100, ZoneOffset.UTC);

    @AfterEach
    void checkLeaks() {
        assertEquals(0, allocator.getAllocatedMemory());
        allocator.close();
    }

    @Test
    void offsetAndLimitSpanBatches() {
        List<List<Object>> rows = new ArrayList<>();
        for (long i = 0; i < 50; i++) {
            rows.add(Arrays.asList(i, i % 3 == 0 ? null : "r" + i));
        }
        long[][] cases = {{0, -1}, {0, 0}, {0, 7}, {3, 7}, {7, 100}, {49, 1}, {60, 5}, {9, 14}};
        for (long[] c : cases) {
            FixtureOperator input = new FixtureOperator(SCHEMA, OperatorResults.chunks(rows, 8), allocator);
            List<List<Object>> actual = OperatorResults.drain(new LimitOperator(input, c[0], c[1], context));
            int from = (int) Math.min(c[0], rows.size());
            int to = c[1] < 0 ? rows.size() : (int) Math.min(rows.size(), c[0] + c[1]);
            assertEquals(rows.subList(from, to), actual, Arrays.toString(c));
            assertEquals(1, input.closes());
        }
    }

    @Test
    void stopsPullingOnceTheLimitIsReached() {
        List<List<Object>> rows = new ArrayList<>();
        for (long i = 0; i < 100; i++) {
            rows.add(Arrays.asList(i, "r"));
        }
        FixtureOperator input = new FixtureOperator(SCHEMA, OperatorResults.chunks(rows, 10), allocator);
        assertEquals(rows.subList(0, 15), OperatorResults.drain(new LimitOperator(input, 0, 15, context)));
        assertEquals(2, input.pulls());
        assertEquals(1, input.closes());
    }
}
