package io.tarn.jdbc;

import io.tarn.catalog.type.ArrowTypes;
import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.Column;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.executor.operator.Operator;
import io.tarn.planner.engine.StatementResult;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.calcite.avatica.Meta;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestResultCursor {

    private static final RowSchema SCHEMA = new RowSchema(List.of(new Column("n", DataType.BIGINT)));

    private final BufferAllocator allocator = new RootAllocator();
    private final AtomicInteger closes = new AtomicInteger();

    @AfterEach
    void checkMemory() {
        assertEquals(0, allocator.getAllocatedMemory());
        allocator.close();
    }

    @Test
    void framesSpanBatchesAndTheQueryClosesAtTheEnd() {
        try (ResultCursor cursor = new ResultCursor(query(4, 3, 5), -1, TimeZone.getDefault())) {
            Meta.Frame first = cursor.nextFrame(0, 5);
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L), values(first));
            assertFalse(first.done);
            assertEquals(0, closes.get());
            Meta.Frame second = cursor.nextFrame(5, 5);
            assertEquals(List.of(5L, 6L, 7L, 8L, 9L), values(second));
            Meta.Frame last = cursor.nextFrame(10, 5);
            assertEquals(List.of(10L, 11L), values(last));
            assertTrue(last.done);
            assertEquals(1, closes.get());
        }
        assertEquals(1, closes.get());
    }

    @Test
    void maxRowsStopsEarlyAndFreesTheQuery() {
        try (ResultCursor cursor = new ResultCursor(query(4, 4, 4), 6, TimeZone.getDefault())) {
            Meta.Frame frame = cursor.nextFrame(0, 100);
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), values(frame));
            assertTrue(frame.done);
            assertEquals(1, closes.get());
        }
    }

    @Test
    void closingMidwayReleasesTheCurrentBatch() {
        ResultCursor cursor = new ResultCursor(query(10), -1, TimeZone.getDefault());
        assertEquals(3, values(cursor.nextFrame(0, 3)).size());
        cursor.close();
        cursor.close();
        assertEquals(1, closes.get());
    }

    @Test
    void emptyResultIsOneDoneFrame() {
        try (ResultCursor cursor = new ResultCursor(query(), -1, TimeZone.getDefault())) {
            Meta.Frame frame = cursor.nextFrame(0, 0);
            assertTrue(frame.done);
            assertEquals(List.of(), values(frame));
        }
    }

    private static List<Object> values(Meta.Frame frame) {
        List<Object> values = new ArrayList<>();
        for (Object row : frame.rows) {
            values.add(((Object[]) row)[0]);
        }
        return values;
    }

    /** A query whose operator yields batches of the given sizes, numbering rows from 0. */
    private StatementResult.Query query(int... batchSizes) {
        Operator operator = new Operator() {
            private int next;
            private long value;

            @Override
            public Batch next() {
                if (next == batchSizes.length) {
                    return null;
                }
                int size = batchSizes[next++];
                BigIntVector vector = (BigIntVector) ArrowTypes.field("n", DataType.BIGINT).createVector(allocator);
                vector.allocateNew(size);
                for (int i = 0; i < size; i++) {
                    vector.set(i, value++);
                }
                vector.setValueCount(size);
                return new Batch(List.of(vector), size);
            }

            @Override
            public void close() {
            }
        };
        return new StatementResult.Query(SCHEMA, operator, closes::incrementAndGet);
    }
}
