package io.tarn.executor.expression;

import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.catalog.type.TypeKind;
import io.tarn.executor.ExecutionException;
import io.tarn.executor.vector.BatchFixtures;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.tarn.executor.expression.Expressions.call;
import static io.tarn.executor.expression.Expressions.evaluate;
import static io.tarn.executor.expression.Expressions.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every CAST, comparison and addition between scalar types works on a sample value and on NULL, or is rejected as unsupported. */
class TestCastMatrix {
    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void checkLeaks() {
        assertEquals(0, allocator.getAllocatedMemory());
        allocator.close();
    }

    private static Map<DataType, Object> samples() {
        Map<DataType, Object> samples = new LinkedHashMap<>();
        samples.put(DataType.BOOLEAN, true);
        samples.put(DataType.of(TypeKind.TINYINT), 7L);
        samples.put(DataType.of(TypeKind.SMALLINT), 7L);
        samples.put(DataType.INTEGER, 7L);
        samples.put(DataType.BIGINT, 7L);
        samples.put(DataType.decimal(10, 2), new BigDecimal("7.00"));
        samples.put(DataType.decimal(30, 2), new BigDecimal("7.00"));
        samples.put(DataType.of(TypeKind.REAL), 7.0);
        samples.put(DataType.DOUBLE, 7.0);
        samples.put(new DataType(TypeKind.CHAR, 3, 0, true, List.of(), List.of()), "7  ");
        samples.put(DataType.VARCHAR, "7");
        samples.put(DataType.of(TypeKind.VARBINARY), new byte[] {7});
        samples.put(DataType.DATE, 7);
        samples.put(DataType.of(TypeKind.TIME), 7_000_000L);
        samples.put(DataType.TIMESTAMP, 7_000_000L);
        samples.put(DataType.of(TypeKind.TIMESTAMP_WITH_LOCAL_TIME_ZONE), 7_000_000L);
        samples.put(DataType.of(TypeKind.INTERVAL_DAY_TIME), 7L);
        samples.put(DataType.of(TypeKind.INTERVAL_YEAR_MONTH), 7L);
        return samples;
    }

    @Test
    void everyCastCompilesOrIsRejected() {
        Map<DataType, Object> samples = samples();
        List<String> supported = new ArrayList<>();
        for (Map.Entry<DataType, Object> from : samples.entrySet()) {
            RowSchema schema = BatchFixtures.schema(from.getKey());
            List<List<Object>> rows = List.of(Arrays.asList(from.getValue()), Arrays.asList((Object) null));
            for (DataType to : samples.keySet()) {
                try {
                    List<Object> result = evaluate(call(Function.CAST, to, ref(0, from.getKey())), schema, rows, allocator);
                    assertEquals(null, result.get(1));
                    supported.add(from.getKey() + "->" + to);
                } catch (ExecutionException e) {
                    assertTrue(e.getMessage().startsWith("unsupported expression") || !e.sqlState().equals("XX000"),
                            from.getKey() + " -> " + to + ": " + e.getMessage());
                }
            }
        }
        assertTrue(supported.size() > samples.size() * 8, supported.toString());
    }

    @Test
    void everyComparisonAndArithmeticCompilesOrIsRejected() {
        Map<DataType, Object> samples = samples();
        int supported = 0;
        for (Map.Entry<DataType, Object> left : samples.entrySet()) {
            for (Map.Entry<DataType, Object> right : samples.entrySet()) {
                RowSchema schema = BatchFixtures.schema(left.getKey(), right.getKey());
                List<List<Object>> rows = List.of(Arrays.asList(left.getValue(), right.getValue()), Arrays.asList(null, null));
                List<Expression> expressions = List.of(
                        call(Function.LESS_THAN, DataType.BOOLEAN, ref(0, left.getKey()), ref(1, right.getKey())),
                        call(Function.ADD, left.getKey(), ref(0, left.getKey()), ref(1, right.getKey())));
                for (Expression expression : expressions) {
                    try {
                        assertEquals(null, evaluate(expression, schema, rows, allocator).get(1));
                        supported++;
                    } catch (ExecutionException e) {
                        assertTrue(e.getMessage().startsWith("unsupported expression") || !e.sqlState().equals("XX000"),
                                expression + " over " + left.getKey() + ", " + right.getKey() + ": " + e.getMessage());
                    }
                }
            }
        }
        assertTrue(supported > samples.size() * 4, "only " + supported + " combinations work");
    }
}
