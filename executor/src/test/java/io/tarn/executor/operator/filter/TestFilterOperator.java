package io.tarn.executor.operator.filter;

import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.executor.ExecutionContext;
import io.tarn.executor.expression.Call;
import io.tarn.executor.expression.Expression;
import io.tarn.executor.expression.Function;
import io.tarn.executor.expression.InputReference;
import io.tarn.executor.expression.Literal;
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
import static org.junit.jupiter.api.Assertions.assertSame;

class TestFilterOperator {
    private static final RowSchema SCHEMA = BatchFixtures.schema(DataType.BIGINT, DataType.VARCHAR);

    private final BufferAllocator allocator = new RootAllocator();
    private final ExecutionContext context = new ExecutionContext(allocator, 1, 100, ZoneOffset.UTC);

    @AfterEach
    void checkLeaks() {
        assertEquals(0, allocator.getAllocatedMemory());
        allocator.close();
    }

    private static Expression greaterThan(long bound) {
        return new Call(Function.GREATER_THAN, List.of(new InputReference(0, DataType.BIGINT), new Literal(bound, DataType.BIGINT)),
                DataType.BOOLEAN);
    }

    private static List<List<Object>> rows(int count) {
        List<List<Object>> rows = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            rows.add(Arrays.asList(i % 5 == 4 ? null : i, "v" + i));
        }
        return rows;
    }

    @Test
    void keepsRowsWhereConditionIsTrueAcrossBatches() {
        List<List<Object>> rows = rows(250);
        for (long bound : new long[] {-1, 120, 1000}) {
            FixtureOperator input = new FixtureOperator(SCHEMA, OperatorResults.chunks(rows, 37), allocator);
            List<List<Object>> actual = OperatorResults.drain(new FilterOperator(input, greaterThan(bound), context));
            List<List<Object>> expected = rows.stream().filter(r -> r.get(0) != null && (Long) r.get(0) > bound).toList();
            assertEquals(expected, actual, "bound " + bound);
            assertEquals(1, input.closes());
        }
    }

    @Test
    void passesFullySurvivingBatchThroughUntouched() {
        FixtureOperator input = new FixtureOperator(SCHEMA, List.of(List.of(List.of(5L, "a"), List.of(6L, "b"))), allocator);
        BatchFilter filter = new BatchFilter(greaterThan(0), ZoneOffset.UTC);
        try (input; Batch batch = input.next(); Batch result = filter.apply(batch, allocator)) {
            assertSame(batch, result);
        }
    }

    @Test
    void emptyInputAllNullsAndSingleRowBatches() {
        assertEquals(List.of(), OperatorResults.drain(new FilterOperator(new FixtureOperator(SCHEMA, List.of(), allocator),
                greaterThan(0), context)));
        List<List<Object>> nulls = List.of(Arrays.asList(null, null), Arrays.asList(null, "x"));
        assertEquals(List.of(), OperatorResults.drain(new FilterOperator(new FixtureOperator(SCHEMA, List.of(nulls), allocator),
                greaterThan(0), context)));
        List<List<Object>> rows = rows(6);
        List<List<Object>> actual = OperatorResults.drain(new FilterOperator(
                new FixtureOperator(SCHEMA, OperatorResults.chunks(rows, 1), allocator), greaterThan(1), context));
        assertEquals(rows.stream().filter(r -> r.get(0) != null && (Long) r.get(0) > 1).toList(), actual);
    }
}
