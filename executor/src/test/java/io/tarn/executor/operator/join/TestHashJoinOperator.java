package io.tarn.executor.operator.join;

import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.executor.ExecutionContext;
import io.tarn.executor.plan.JoinType;
import io.tarn.executor.plan.PhysicalHashJoin;
import io.tarn.executor.plan.PhysicalValues;
import io.tarn.executor.runtime.TestRows;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static io.tarn.executor.runtime.TestRows.sorted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestHashJoinOperator {
    static final RowSchema LEFT = TestRows.schema(DataType.BIGINT, DataType.VARCHAR, DataType.BIGINT);
    static final RowSchema RIGHT = TestRows.schema(DataType.BIGINT, DataType.VARCHAR, DataType.BIGINT);
    /** Residual: left.c2 < right.c2, i.e. pair columns 2 and 5. */
    static final JoinCondition LESS_THAN = (pairs, selected) -> {
        BigIntVector left = (BigIntVector) pairs.column(2);
        BigIntVector right = (BigIntVector) pairs.column(5);
        int count = 0;
        for (int i = 0; i < pairs.rowCount(); i++) {
            if (!left.isNull(i) && !right.isNull(i) && left.get(i) < right.get(i)) {
                selected[count++] = i;
            }
        }
        return count;
    };

    private final RootAllocator allocator = new RootAllocator();

    @AfterEach
    void checkNoLeaks() {
        assertEquals(0, allocator.getAllocatedMemory(), "leaked Arrow memory");
        allocator.close();
    }

    @ParameterizedTest
    @EnumSource(JoinType.class)
    void matchesNestedLoopReference(JoinType type) {
        for (int seed = 0; seed < 6; seed++) {
            Random random = new Random(seed);
            List<List<Object>> left = randomRows(random, random.nextInt(40));
            List<List<Object>> right = randomRows(random, random.nextInt(40));
            boolean[] nullsEqual = {seed % 3 == 1, seed % 3 == 2};
            boolean withResidual = seed % 2 == 0;
            assertJoin(type, left, right, nullsEqual, withResidual, new int[] {1, 3, 7}, new int[] {2, 5});
        }
    }

    /** Integer keys compared with SQL equality take the packed-key path; null-safe ones the generic path. */
    @ParameterizedTest
    @EnumSource(JoinType.class)
    void integerKeys(JoinType type) {
        for (int seed = 0; seed < 6; seed++) {
            Random random = new Random(seed);
            List<List<Object>> left = randomRows(random, 20 + random.nextInt(40));
            List<List<Object>> right = randomRows(random, 20 + random.nextInt(40));
            boolean withResidual = seed % 2 == 0;
            assertJoin(type, new int[] {0}, left, right, new boolean[1], withResidual, new int[] {1, 3, 7}, new int[] {2, 5});
            assertJoin(type, new int[] {0, 2}, left, right, new boolean[2], withResidual, new int[] {4}, new int[] {3});
            assertJoin(type, new int[] {2, 0, 2}, left, right, new boolean[3], withResidual, new int[] {9}, new int[] {2});
            assertJoin(type, new int[] {0, 2}, left, right, new boolean[] {false, true}, withResidual, new int[] {4}, new int[] {3});
        }
    }

    @ParameterizedTest
    @EnumSource(JoinType.class)
    void emptyInputs(JoinType type) {
        List<List<Object>> rows = randomRows(new Random(7), 10);
        assertJoin(type, rows, List.of(), new boolean[2], false, new int[] {4}, new int[] {3});
        assertJoin(type, List.of(), rows, new boolean[2], false, new int[] {4}, new int[] {3});
        assertJoin(type, List.of(), List.of(), new boolean[2], true, new int[] {4}, new int[] {3});
    }

    @ParameterizedTest
    @EnumSource(JoinType.class)
    void allNullKeys(JoinType type) {
        List<List<Object>> left = new ArrayList<>();
        List<List<Object>> right = new ArrayList<>();
        for (long i = 0; i < 5; i++) {
            left.add(Arrays.asList(null, null, i));
            right.add(Arrays.asList(null, null, i + 2));
        }
        assertJoin(type, left, right, new boolean[2], false, new int[] {2}, new int[] {3});
        assertJoin(type, left, right, new boolean[] {true, true}, true, new int[] {2}, new int[] {3});
    }

    @ParameterizedTest
    @EnumSource(JoinType.class)
    void keyGroupCrossingBuildBatchBoundary(JoinType type) {
        List<List<Object>> right = new ArrayList<>();
        for (long i = 0; i < 7; i++) {
            right.add(Arrays.asList(1L, "a", i));
        }
        right.add(Arrays.asList(2L, "b", 0L));
        List<List<Object>> left = List.of(Arrays.asList(1L, "a", 3L), Arrays.asList(2L, "b", 9L), Arrays.asList(3L, "c", 0L));
        assertJoin(type, left, right, new boolean[2], false, new int[] {1}, new int[] {3});
        assertJoin(type, left, right, new boolean[2], true, new int[] {2}, new int[] {3});
    }

    private void assertJoin(JoinType type, List<List<Object>> left, List<List<Object>> right, boolean[] nullsEqual,
                            boolean withResidual, int[] leftBatchSizes, int[] rightBatchSizes) {
        assertJoin(type, new int[] {0, 1}, left, right, nullsEqual, withResidual, leftBatchSizes, rightBatchSizes);
    }

    private void assertJoin(JoinType type, int[] keys, List<List<Object>> left, List<List<Object>> right, boolean[] nullsEqual,
                            boolean withResidual, int[] leftBatchSizes, int[] rightBatchSizes) {
        for (int outputBatchSize : new int[] {1, 4, 1024}) {
            RowSchema output = !type.outputsRight() ? LEFT : !type.outputsLeft() ? RIGHT : TestRows.concat(LEFT, RIGHT);
            PhysicalHashJoin plan = new PhysicalHashJoin(new PhysicalValues(List.of(), LEFT), new PhysicalValues(List.of(), RIGHT),
                    type, keys, keys, nullsEqual, Optional.empty(), output);
            ExecutionContext context = new ExecutionContext(allocator, 1, outputBatchSize, ZoneOffset.UTC);
            HashJoinOperator join = new HashJoinOperator(plan,
                    TestRows.source(LEFT, left, allocator, leftBatchSizes),
                    TestRows.source(RIGHT, right, allocator, rightBatchSizes),
                    withResidual ? Optional.of(LESS_THAN) : Optional.empty(), context);
            List<List<Object>> actual = TestRows.drain(join, outputBatchSize);
            assertEquals(sorted(reference(type, keys, left, right, nullsEqual, withResidual)), sorted(actual),
                    type + " residual=" + withResidual + " nullsEqual=" + Arrays.toString(nullsEqual));
        }
    }

    private static List<List<Object>> reference(JoinType type, int[] keys, List<List<Object>> left, List<List<Object>> right,
                                                boolean[] nullsEqual, boolean withResidual) {
        List<List<Object>> result = new ArrayList<>();
        boolean[] rightMatched = new boolean[right.size()];
        for (List<Object> l : left) {
            boolean matched = false;
            for (int j = 0; j < right.size(); j++) {
                List<Object> r = right.get(j);
                if (keysMatch(keys, l, r, nullsEqual) && (!withResidual || residualHolds(l, r))) {
                    matched = true;
                    rightMatched[j] = true;
                    if (type.outputsRight() && type.outputsLeft()) {
                        result.add(concat(l, r));
                    }
                }
            }
            if (type == JoinType.SEMI && matched || type == JoinType.ANTI && !matched) {
                result.add(l);
            }
            if (!matched && (type == JoinType.LEFT || type == JoinType.FULL)) {
                result.add(concat(l, Arrays.asList(null, null, null)));
            }
        }
        for (int j = 0; j < right.size(); j++) {
            if (!rightMatched[j] && (type == JoinType.RIGHT || type == JoinType.FULL)) {
                result.add(concat(Arrays.asList(null, null, null), right.get(j)));
            }
            if (type == JoinType.RIGHT_SEMI && rightMatched[j] || type == JoinType.RIGHT_ANTI && !rightMatched[j]) {
                result.add(right.get(j));
            }
        }
        return result;
    }

    private static boolean keysMatch(int[] keys, List<Object> l, List<Object> r, boolean[] nullsEqual) {
        for (int k = 0; k < keys.length; k++) {
            Object a = l.get(keys[k]);
            Object b = r.get(keys[k]);
            if (a == null || b == null) {
                if (!(nullsEqual[k] && a == null && b == null)) {
                    return false;
                }
            } else if (!a.equals(b)) {
                return false;
            }
        }
        return true;
    }

    private static boolean residualHolds(List<Object> l, List<Object> r) {
        return l.get(2) != null && r.get(2) != null && (Long) l.get(2) < (Long) r.get(2);
    }

    private static List<Object> concat(List<Object> a, List<Object> b) {
        List<Object> row = new ArrayList<>(a);
        row.addAll(b);
        return row;
    }

    private static List<List<Object>> randomRows(Random random, int count) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(Arrays.asList(TestRows.randomLong(random, 4, 0.15), TestRows.randomString(random, 3, 0.15),
                    TestRows.randomLong(random, 10, 0.1)));
        }
        return rows;
    }

    @ParameterizedTest
    @EnumSource(value = JoinType.class, names = {"INNER", "FULL", "ANTI"})
    void keysOfOtherTypes(JoinType type) {
        List<DataType> keyTypes = List.of(DataType.decimal(10, 2), DataType.DATE, DataType.DOUBLE, DataType.BOOLEAN,
                DataType.INTEGER, DataType.TIMESTAMP);
        for (DataType keyType : keyTypes) {
            RowSchema schema = TestRows.schema(keyType, DataType.BIGINT);
            Random random = new Random(keyType.kind().ordinal());
            List<List<Object>> left = typedRows(random, keyType, 30);
            List<List<Object>> right = typedRows(random, keyType, 20);
            RowSchema output = type.outputsRight() ? TestRows.concat(schema, schema) : schema;
            PhysicalHashJoin plan = new PhysicalHashJoin(new PhysicalValues(List.of(), schema), new PhysicalValues(List.of(), schema),
                    type, new int[] {0}, new int[] {0}, new boolean[1], Optional.empty(), output);
            ExecutionContext context = new ExecutionContext(allocator, 1, 8, ZoneOffset.UTC);
            List<List<Object>> actual = TestRows.drain(new HashJoinOperator(plan, TestRows.source(schema, left, allocator, 4),
                    TestRows.source(schema, right, allocator, 3), Optional.empty(), context), 8);
            List<List<Object>> expected = new ArrayList<>();
            boolean[] rightMatched = new boolean[right.size()];
            for (List<Object> l : left) {
                boolean matched = false;
                for (int j = 0; j < right.size(); j++) {
                    if (l.get(0) != null && l.get(0).equals(right.get(j).get(0))) {
                        matched = true;
                        rightMatched[j] = true;
                        if (type.outputsRight()) {
                            expected.add(concat(l, right.get(j)));
                        }
                    }
                }
                if (!matched && type != JoinType.INNER) {
                    expected.add(type == JoinType.ANTI ? l : concat(l, Arrays.asList(null, null)));
                }
            }
            for (int j = 0; j < right.size() && type == JoinType.FULL; j++) {
                if (!rightMatched[j]) {
                    expected.add(concat(Arrays.asList(null, null), right.get(j)));
                }
            }
            assertEquals(sorted(expected), sorted(actual), type + " on " + keyType);
        }
    }

    private static List<List<Object>> typedRows(Random random, DataType keyType, int count) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int value = random.nextInt(5);
            Object key = random.nextInt(8) == 0 ? null : switch (keyType.kind()) {
                case DECIMAL -> java.math.BigDecimal.valueOf(value * 125L, 2);
                case DATE -> value + 19000;
                case DOUBLE -> value / 4.0;
                case BOOLEAN -> value % 2 == 0;
                case TIMESTAMP -> value * 1_000_000L;
                default -> (long) value;
            };
            rows.add(Arrays.asList(key, (long) i));
        }
        return rows;
    }

    @Test
    void referenceIsNotTrivial() {
        Random random = new Random(3);
        List<List<Object>> rows = randomRows(random, 30);
        long matches = reference(JoinType.INNER, new int[] {0, 1}, rows, randomRows(random, 30), new boolean[2], false).size();
        assertTrue(matches > 5, "test data should produce matches");
    }
}
