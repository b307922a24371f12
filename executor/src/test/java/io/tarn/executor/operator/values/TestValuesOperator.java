package io.tarn.executor.operator.values;

import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.executor.ExecutionContext;
import io.tarn.executor.vector.BatchFixtures;
import io.tarn.executor.vector.OperatorResults;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class TestValuesOperator {
    private static final RowSchema SCHEMA = BatchFixtures.schema(DataType.BIGINT, DataType.decimal(10, 2), DataType.VARCHAR);

    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void checkLeaks() {
        assertEquals(0, allocator.getAllocatedMemory());
        allocator.close();
    }

    @Test
    void emitsRowsInBatchesOfTheBatchSize() {
        List<List<Object>> rows = new ArrayList<>();
        for (long i = 0; i < 23; i++) {
            rows.add(Arrays.asList(i, i % 4 == 0 ? null : BigDecimal.valueOf(i * 25, 2), "x" + i));
        }
        ExecutionContext context = new ExecutionContext(allocator, 1, 10, ZoneOffset.UTC);
        ValuesOperator values = new ValuesOperator(rows, SCHEMA, context);
        List<Integer> sizes = new ArrayList<>();
        List<List<Object>> actual = new ArrayList<>();
        for (Batch next = values.next(); next != null; next = values.next()) {
            try (Batch batch = next) {
                sizes.add(batch.rowCount());
                actual.addAll(BatchFixtures.rows(batch));
            }
        }
        values.close();
        assertEquals(List.of(10, 10, 3), sizes);
        assertEquals(rows, actual);
    }

    @Test
    void noRows() {
        ExecutionContext context = new ExecutionContext(allocator, 1, 10, ZoneOffset.UTC);
        assertEquals(List.of(), OperatorResults.drain(new ValuesOperator(List.of(), SCHEMA, context)));
        ValuesOperator closedEarly = new ValuesOperator(List.of(Arrays.asList(1L, null, null)), SCHEMA, context);
        closedEarly.close();
        assertNull(closedEarly.next());
    }
}
