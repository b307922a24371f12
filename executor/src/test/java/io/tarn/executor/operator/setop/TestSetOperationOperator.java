package io.tarn.executor.operator.setop;

import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.executor.ExecutionContext;
import io.tarn.executor.operator.Operator;
import io.tarn.executor.plan.PhysicalNode;
import io.tarn.executor.plan.PhysicalSetOperation;
import io.tarn.executor.plan.PhysicalValues;
import io.tarn.executor.runtime.TestRows;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.tarn.executor.runtime.TestRows.sorted;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TestSetOperationOperator {
    private static final RowSchema SCHEMA = TestRows.schema(DataType.BIGINT, DataType.VARCHAR, DataType.decimal(5, 1));

    private final RootAllocator allocator = new RootAllocator();

    @AfterEach
    void checkNoLeaks() {
        assertEquals(0, allocator.getAllocatedMemory(), "leaked Arrow memory");
        allocator.close();
    }

    @Test
    void intersectAndExceptMatchMultisetReference() {
        for (int seed = 0; seed < 8; seed++) {
            Random random = new Random(seed);
            int inputCount = 2 + seed % 2;
            List<List<List<Object>>> inputs = new ArrayList<>();
            for (int i = 0; i < inputCount; i++) {
                inputs.add(randomRows(random, random.nextInt(30)));
            }
            for (PhysicalSetOperation.Kind kind : PhysicalSetOperation.Kind.values()) {
                for (boolean all : new boolean[] {false, true}) {
                    assertEquals(sorted(reference(kind, all, inputs)), sorted(run(kind, all, inputs)),
                            kind + (all ? " ALL" : "") + " seed " + seed);
                }
            }
        }
    }

    @Test
    void emptyInputs() {
        List<List<Object>> rows = randomRows(new Random(1), 10);
        for (PhysicalSetOperation.Kind kind : PhysicalSetOperation.Kind.values()) {
            for (boolean all : new boolean[] {false, true}) {
                List<List<List<Object>>> inputs = List.of(rows, List.of());
                assertEquals(sorted(reference(kind, all, inputs)), sorted(run(kind, all, inputs)));
                assertEquals(List.of(), run(kind, all, List.of(List.of(), rows)));
            }
        }
    }

    @Test
    void unionAllConcatenatesInOrder() {
        List<List<Object>> first = randomRows(new Random(2), 9);
        List<List<Object>> second = randomRows(new Random(3), 4);
        ExecutionContext context = new ExecutionContext(allocator, 1, 3, ZoneOffset.UTC);
        Operator union = new UnionOperator(List.of(TestRows.source(SCHEMA, first, allocator, 2),
                TestRows.source(SCHEMA, List.of(), allocator, 1), TestRows.source(SCHEMA, second, allocator, 3)), context);
        List<List<Object>> expected = new ArrayList<>(first);
        expected.addAll(second);
        assertEquals(expected, TestRows.drain(union));
    }

    private List<List<Object>> run(PhysicalSetOperation.Kind kind, boolean all, List<List<List<Object>>> inputs) {
        List<PhysicalNode> nodes = new ArrayList<>();
        List<Operator> operators = new ArrayList<>();
        for (List<List<Object>> rows : inputs) {
            nodes.add(new PhysicalValues(List.of(), SCHEMA));
            operators.add(TestRows.source(SCHEMA, rows, allocator, 1, 4));
        }
        PhysicalSetOperation plan = new PhysicalSetOperation(kind, all, nodes, SCHEMA);
        ExecutionContext context = new ExecutionContext(allocator, 1, 5, ZoneOffset.UTC);
        return TestRows.drain(new SetOperationOperator(plan, operators, context));
    }

    private static List<List<Object>> reference(PhysicalSetOperation.Kind kind, boolean all, List<List<List<Object>>> inputs) {
        List<Map<List<Object>, Integer>> counts = new ArrayList<>();
        for (List<List<Object>> rows : inputs) {
            Map<List<Object>, Integer> count = new HashMap<>();
            rows.forEach(row -> count.merge(row, 1, Integer::sum));
            counts.add(count);
        }
        List<List<Object>> result = new ArrayList<>();
        counts.get(0).forEach((row, first) -> {
            int copies = first;
            for (int i = 1; i < counts.size(); i++) {
                int other = counts.get(i).getOrDefault(row, 0);
                copies = kind == PhysicalSetOperation.Kind.INTERSECT ? Math.min(copies, other) : Math.max(copies - other, 0);
                if (!all && kind == PhysicalSetOperation.Kind.EXCEPT && other > 0) {
                    copies = 0;
                }
            }
            for (int c = 0; c < (all ? copies : Math.min(copies, 1)); c++) {
                result.add(row);
            }
        });
        return result;
    }

    private static List<List<Object>> randomRows(Random random, int count) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(Arrays.asList(TestRows.randomLong(random, 3, 0.2), TestRows.randomString(random, 2, 0.2),
                    random.nextDouble() < 0.2 ? null : new java.math.BigDecimal(random.nextInt(3) + ".5")));
        }
        return rows;
    }
}
