package io.tarn.executor.operator.aggregate;

import io.tarn.catalog.spi.TarnException;
import io.tarn.catalog.type.Column;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.executor.ExecutionContext;
import io.tarn.executor.expression.AggregateCall;
import io.tarn.executor.expression.AggregateFunction;
import io.tarn.executor.operator.Operator;
import io.tarn.executor.plan.AggregateStep;
import io.tarn.executor.plan.PhysicalHashAggregate;
import io.tarn.executor.plan.PhysicalValues;
import io.tarn.executor.runtime.TestRows;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static io.tarn.executor.runtime.TestRows.sorted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestHashAggregateOperator {
    /** k1 BIGINT, k2 VARCHAR, v INTEGER, d DECIMAL(10,2), x DOUBLE, s VARCHAR, b BOOLEAN, f BOOLEAN. */
    static final RowSchema INPUT = new RowSchema(List.of(
            new Column("k1", DataType.BIGINT), new Column("k2", DataType.VARCHAR), new Column("v", DataType.INTEGER),
            new Column("d", DataType.decimal(10, 2)), new Column("x", DataType.DOUBLE), new Column("s", DataType.VARCHAR),
            new Column("b", DataType.BOOLEAN), new Column("f", DataType.BOOLEAN)));
    static final List<AggregateCall> CALLS = List.of(
            call(AggregateFunction.COUNT, DataType.BIGINT),
            call(AggregateFunction.COUNT, DataType.BIGINT, 2),
            call(AggregateFunction.SUM, DataType.BIGINT, 2),
            call(AggregateFunction.SUM, DataType.decimal(20, 2), 3),
            call(AggregateFunction.SUM, DataType.DOUBLE, 4),
            call(AggregateFunction.AVG, DataType.INTEGER, 2),
            call(AggregateFunction.AVG, DataType.decimal(12, 4), 3),
            call(AggregateFunction.AVG, DataType.DOUBLE, 4),
            call(AggregateFunction.MIN, DataType.INTEGER, 2),
            call(AggregateFunction.MAX, DataType.decimal(10, 2), 3),
            call(AggregateFunction.MIN, DataType.VARCHAR, 5),
            call(AggregateFunction.MAX, DataType.VARCHAR, 5),
            call(AggregateFunction.MAX, DataType.DOUBLE, 4),
            call(AggregateFunction.BOOL_AND, DataType.BOOLEAN, 6),
            call(AggregateFunction.BOOL_OR, DataType.BOOLEAN, 6),
            call(AggregateFunction.VAR_SAMP, DataType.DOUBLE, 4),
            call(AggregateFunction.STDDEV_POP, DataType.DOUBLE, 2),
            call(AggregateFunction.VAR_POP, DataType.DOUBLE, 3),
            call(AggregateFunction.STDDEV_SAMP, DataType.DOUBLE, 4),
            new AggregateCall(AggregateFunction.SUM, new int[] {2}, false, 7, DataType.BIGINT, "sum_filtered"),
            new AggregateCall(AggregateFunction.COUNT, new int[] {}, false, 7, DataType.BIGINT, "count_filtered"));
    static final List<AggregateCall> DISTINCT_CALLS = List.of(
            new AggregateCall(AggregateFunction.COUNT, new int[] {2}, true, -1, DataType.BIGINT, "count_distinct"),
            new AggregateCall(AggregateFunction.SUM, new int[] {2}, true, -1, DataType.BIGINT, "sum_distinct"),
            new AggregateCall(AggregateFunction.COUNT, new int[] {5}, true, 7, DataType.BIGINT, "count_distinct_filtered"),
            call(AggregateFunction.MAX, DataType.INTEGER, 2));

    private final RootAllocator allocator = new RootAllocator();

    @AfterEach
    void checkNoLeaks() {
        assertEquals(0, allocator.getAllocatedMemory(), "leaked Arrow memory");
        allocator.close();
    }

    static AggregateCall call(AggregateFunction function, DataType type, int... arguments) {
        return new AggregateCall(function, arguments, false, -1, type, function.name().toLowerCase() + Arrays.toString(arguments));
    }

    @Test
    void groupedAggregatesMatchReference() {
        for (int seed = 0; seed < 5; seed++) {
            List<List<Object>> rows = randomRows(new Random(seed), 60 + seed * 20);
            assertAggregate(rows, new int[] {0, 1}, CALLS);
            assertAggregate(rows, new int[] {1}, DISTINCT_CALLS);
            assertAggregate(rows, new int[] {}, CALLS);
            // integer-like keys only: the packed-key lookup, NULL keys included
            assertAggregate(rows, new int[] {0}, CALLS);
            assertAggregate(rows, new int[] {2, 0}, DISTINCT_CALLS);
        }
    }

    /** Sums over a DECIMAL column without NULLs take the path that skips the per-row validity check. */
    @Test
    void decimalAggregatesWithoutNulls() {
        Random random = new Random(7);
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> row : randomRows(random, 90)) {
            List<Object> copy = new ArrayList<>(row);
            copy.set(3, BigDecimal.valueOf(random.nextInt(100000) - 50000, 2));
            rows.add(copy);
        }
        List<AggregateCall> decimalCalls = List.of(CALLS.get(0), CALLS.get(3), CALLS.get(6), CALLS.get(9));
        assertAggregate(rows, new int[] {0, 1}, decimalCalls);
        assertAggregate(rows, new int[] {}, decimalCalls);
    }

    @Test
    void emptyInput() {
        assertAggregate(List.of(), new int[] {}, CALLS);
        assertAggregate(List.of(), new int[] {0}, CALLS);
        List<List<Object>> result = run(List.of(), new int[] {}, List.of(), CALLS.subList(0, 3), AggregateStep.SINGLE, 100);
        assertEquals(List.of(Arrays.asList(0L, 0L, null)), result);
    }

    @Test
    void allNullKeysFormOneGroup() {
        List<List<Object>> rows = new ArrayList<>();
        Random random = new Random(4);
        for (List<Object> row : randomRows(random, 30)) {
            List<Object> copy = new ArrayList<>(row);
            copy.set(0, null);
            copy.set(1, null);
            rows.add(copy);
        }
        assertAggregate(rows, new int[] {0, 1}, CALLS);
        assertEquals(1, run(rows, new int[] {0, 1}, List.of(), CALLS, AggregateStep.SINGLE, 100).size());
    }

    @Test
    void groupingSetsAndGroupingFunction() {
        List<List<Object>> rows = randomRows(new Random(11), 80);
        List<int[]> sets = List.of(new int[] {0, 1}, new int[] {0}, new int[] {});
        List<AggregateCall> calls = List.of(call(AggregateFunction.COUNT, DataType.BIGINT), call(AggregateFunction.SUM, DataType.BIGINT, 2),
                new AggregateCall(AggregateFunction.GROUPING, new int[] {0, 1}, false, -1, DataType.BIGINT, "g"));
        List<List<Object>> expected = new ArrayList<>();
        for (int[] set : sets) {
            for (List<Object> row : reference(rows, set, calls.subList(0, 2))) {
                List<Object> full = new ArrayList<>();
                full.add(set.length > 0 ? row.get(0) : null);
                full.add(set.length > 1 ? row.get(1) : null);
                full.addAll(row.subList(set.length, row.size()));
                full.add(set.length == 2 ? 0L : set.length == 1 ? 1L : 3L);
                expected.add(full);
            }
        }
        assertEquals(sorted(expected), sorted(run(rows, new int[] {0, 1}, sets, calls, AggregateStep.SINGLE, 7)));
        assertEquals(1, run(List.of(), new int[] {0, 1}, sets, calls, AggregateStep.SINGLE, 7).size(),
                "the empty grouping set yields its row even on empty input");
    }

    @Test
    void partialThenFinalEqualsSingle() {
        List<List<Object>> rows = randomRows(new Random(5), 120);
        for (int[] keys : new int[][] {{0, 1}, {}}) {
            RowSchema partialSchema = AggregateStates.partialSchema(INPUT, keys, CALLS);
            List<List<Object>> partials = new ArrayList<>();
            partials.addAll(run(rows.subList(0, 50), keys, List.of(), CALLS, AggregateStep.PARTIAL, 9));
            partials.addAll(run(rows.subList(50, rows.size()), keys, List.of(), CALLS, AggregateStep.PARTIAL, 9));
            int[] finalKeys = new int[keys.length];
            for (int i = 0; i < keys.length; i++) {
                finalKeys[i] = i;
            }
            RowSchema output = outputSchema(keys, CALLS);
            PhysicalHashAggregate finalPlan = new PhysicalHashAggregate(new PhysicalValues(List.of(), partialSchema), finalKeys,
                    List.of(), CALLS, AggregateStep.FINAL, output);
            ExecutionContext context = new ExecutionContext(allocator, 1, 5, ZoneOffset.UTC);
            List<List<Object>> merged = TestRows.drain(new HashAggregateOperator(finalPlan,
                    TestRows.source(partialSchema, partials, allocator, 3, 1), context));
            assertEquals(normalized(reference(rows, keys, CALLS)), normalized(merged));
        }
    }

    @Test
    void singleValue() {
        AggregateCall single = call(AggregateFunction.SINGLE_VALUE, DataType.INTEGER, 2);
        List<List<Object>> rows = randomRows(new Random(2), 20);
        List<List<Object>> one = List.of(rows.get(0));
        assertEquals(List.of(Arrays.asList(rows.get(0).get(2))), run(one, new int[] {}, List.of(), List.of(single), AggregateStep.SINGLE, 10));
        assertEquals(List.of(Arrays.asList((Object) null)), run(List.of(), new int[] {}, List.of(), List.of(single), AggregateStep.SINGLE, 10));
        TarnException error = assertThrows(TarnException.class,
                () -> run(rows, new int[] {}, List.of(), List.of(single), AggregateStep.SINGLE, 10));
        assertEquals("21000", error.sqlState());
        assertTrue(error.getMessage().contains("more than one row"));
    }

    @Test
    void sumOverflowIsAnError() {
        RowSchema schema = TestRows.schema(DataType.BIGINT);
        List<List<Object>> rows = List.of(List.of(Long.MAX_VALUE), List.of(1L));
        PhysicalHashAggregate plan = new PhysicalHashAggregate(new PhysicalValues(List.of(), schema), new int[] {}, List.of(),
                List.of(call(AggregateFunction.SUM, DataType.BIGINT, 0)), AggregateStep.SINGLE, TestRows.schema(DataType.BIGINT));
        ExecutionContext context = new ExecutionContext(allocator, 1, 10, ZoneOffset.UTC);
        TarnException error = assertThrows(TarnException.class,
                () -> TestRows.drain(new HashAggregateOperator(plan, TestRows.source(schema, rows, allocator, 1), context)));
        assertEquals("22003", error.sqlState());
    }

    private void assertAggregate(List<List<Object>> rows, int[] keys, List<AggregateCall> calls) {
        List<List<Object>> actual = run(rows, keys, List.of(), calls, AggregateStep.SINGLE, 4);
        assertEquals(normalized(reference(rows, keys, calls)), normalized(actual), "keys " + Arrays.toString(keys));
    }

    private List<List<Object>> run(List<List<Object>> rows, int[] keys, List<int[]> sets, List<AggregateCall> calls,
                                   AggregateStep step, int batchSize) {
        RowSchema output = step == AggregateStep.PARTIAL ? AggregateStates.partialSchema(INPUT, keys, calls) : outputSchema(keys, calls);
        PhysicalHashAggregate plan = new PhysicalHashAggregate(new PhysicalValues(List.of(), INPUT), keys, sets, calls, step, output);
        ExecutionContext context = new ExecutionContext(allocator, 1, batchSize, ZoneOffset.UTC);
        Operator operator = new HashAggregateOperator(plan, TestRows.source(INPUT, rows, allocator, 1, 3, 7), context);
        return TestRows.drain(operator);
    }

    static RowSchema outputSchema(int[] keys, List<AggregateCall> calls) {
        List<Column> columns = new ArrayList<>();
        for (int key : keys) {
            columns.add(INPUT.column(key));
        }
        for (AggregateCall call : calls) {
            columns.add(new Column(call.name(), call.type()));
        }
        return new RowSchema(columns);
    }

    /** Doubles compared to 6 significant digits: summation order may differ. */
    static List<String> normalized(List<List<Object>> rows) {
        List<List<Object>> rounded = new ArrayList<>();
        for (List<Object> row : rows) {
            rounded.add(row.stream().map(v -> v instanceof Double d ? (Object) String.format("%.6g", d) : v).toList());
        }
        return sorted(rounded);
    }

    private static List<List<Object>> reference(List<List<Object>> rows, int[] keys, List<AggregateCall> calls) {
        Map<List<Object>, List<List<Object>>> groups = new LinkedHashMap<>();
        for (List<Object> row : rows) {
            List<Object> key = new ArrayList<>();
            for (int k : keys) {
                key.add(row.get(k));
            }
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }
        if (keys.length == 0 && groups.isEmpty()) {
            groups.put(List.of(), List.of());
        }
        List<List<Object>> result = new ArrayList<>();
        groups.forEach((key, groupRows) -> {
            List<Object> out = new ArrayList<>(key);
            for (AggregateCall call : calls) {
                out.add(referenceValue(call, groupRows));
            }
            result.add(out);
        });
        return result;
    }

    private static Object referenceValue(AggregateCall call, List<List<Object>> rows) {
        List<Object> values = new ArrayList<>();
        int counted = 0;
        for (List<Object> row : rows) {
            if (call.filterArgument() >= 0 && !Boolean.TRUE.equals(row.get(call.filterArgument()))) {
                continue;
            }
            counted++;
            if (call.arguments().length > 0 && row.get(call.arguments()[0]) != null) {
                values.add(row.get(call.arguments()[0]));
            }
        }
        if (call.distinct()) {
            Set<Object> distinct = new LinkedHashSet<>(values);
            values = new ArrayList<>(distinct);
        }
        switch (call.function()) {
            case COUNT:
                return call.arguments().length == 0 ? (long) counted : (long) values.size();
            case SUM:
                if (values.isEmpty()) {
                    return null;
                }
                return switch (call.type().kind()) {
                    case DOUBLE -> values.stream().mapToDouble(v -> ((Number) v).doubleValue()).sum();
                    case DECIMAL -> values.stream().map(v -> (BigDecimal) v).reduce(BigDecimal.ZERO, BigDecimal::add);
                    default -> values.stream().mapToLong(v -> (Long) v).sum();
                };
            case AVG: {
                if (values.isEmpty()) {
                    return null;
                }
                BigDecimal sum = values.stream().map(v -> v instanceof BigDecimal b ? b : v instanceof Double d ? BigDecimal.valueOf(d)
                        : BigDecimal.valueOf((Long) v)).reduce(BigDecimal.ZERO, BigDecimal::add);
                BigDecimal count = BigDecimal.valueOf(values.size());
                return switch (call.type().kind()) {
                    case DOUBLE -> values.stream().mapToDouble(v -> ((Number) v).doubleValue()).sum() / values.size();
                    case DECIMAL -> sum.divide(count, call.type().scale(), RoundingMode.HALF_UP);
                    default -> sum.divide(count, 0, RoundingMode.DOWN).longValueExact();
                };
            }
            case MIN:
            case BOOL_AND:
                return values.stream().min(TestHashAggregateOperator::compare).orElse(null);
            case MAX:
            case BOOL_OR:
                return values.stream().max(TestHashAggregateOperator::compare).orElse(null);
            case VAR_POP:
            case VAR_SAMP:
            case STDDEV_POP:
            case STDDEV_SAMP: {
                boolean sample = call.function() == AggregateFunction.VAR_SAMP || call.function() == AggregateFunction.STDDEV_SAMP;
                int n = values.size();
                if (n == 0 || sample && n == 1) {
                    return null;
                }
                double mean = values.stream().mapToDouble(v -> ((Number) v).doubleValue()).sum() / n;
                double squares = values.stream().mapToDouble(v -> Math.pow(((Number) v).doubleValue() - mean, 2)).sum();
                double variance = squares / (sample ? n - 1 : n);
                return call.function().name().startsWith("STDDEV") ? Math.sqrt(variance) : variance;
            }
            default:
                throw new AssertionError(call);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        return ((Comparable) a).compareTo(b);
    }

    private static List<List<Object>> randomRows(Random random, int count) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(Arrays.asList(
                    TestRows.randomLong(random, 3, 0.1),
                    TestRows.randomString(random, 3, 0.1),
                    random.nextDouble() < 0.15 ? null : (long) (random.nextInt(2000) - 1000),
                    random.nextDouble() < 0.15 ? null : BigDecimal.valueOf(random.nextInt(100000) - 50000, 2),
                    random.nextDouble() < 0.15 ? null : random.nextInt(1000) / 8.0,
                    random.nextDouble() < 0.15 ? null : "str" + random.nextInt(50),
                    random.nextDouble() < 0.15 ? null : random.nextBoolean(),
                    random.nextDouble() < 0.15 ? null : random.nextBoolean()));
        }
        return rows;
    }
}
