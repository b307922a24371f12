package io.tarn.executor.operator.join;

import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.executor.ExecutionContext;
import io.tarn.executor.expression.Call;
import io.tarn.executor.expression.Expression;
import io.tarn.executor.expression.ExpressionCompiler;
import io.tarn.executor.expression.Function;
import io.tarn.executor.expression.InputReference;
import io.tarn.executor.plan.JoinType;
import io.tarn.executor.plan.PhysicalNestedLoopJoin;
import io.tarn.executor.plan.PhysicalValues;
import io.tarn.executor.runtime.TestRows;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiPredicate;

import static io.tarn.executor.runtime.TestRows.sorted;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TestNestedLoopJoinOperator {
    private static final RowSchema LEFT = TestRows.schema(DataType.BIGINT, DataType.VARCHAR, DataType.BIGINT);
    private static final RowSchema RIGHT = TestRows.schema(DataType.BIGINT, DataType.BIGINT);
    /** left.c0 = right.c0 AND left.c2 < right.c1 (pair columns 0 = 3, 2 < 4). */
    private static final Expression CONDITION = new Call(Function.AND, List.of(
            new Call(Function.EQUAL, List.of(new InputReference(0, DataType.BIGINT), new InputReference(3, DataType.BIGINT)), DataType.BOOLEAN),
            new Call(Function.LESS_THAN, List.of(new InputReference(2, DataType.BIGINT), new InputReference(4, DataType.BIGINT)), DataType.BOOLEAN)),
            DataType.BOOLEAN);
    private static final JoinCondition COMPILED_CONDITION = ExpressionCompiler.compilePredicate(CONDITION, ZoneOffset.UTC)::filter;
    private static final BiPredicate<List<Object>, List<Object>> CONDITION_REFERENCE = (l, r) ->
            l.get(0) != null && l.get(0).equals(r.get(0)) && l.get(2) != null && r.get(1) != null && (Long) l.get(2) < (Long) r.get(1);

    private final RootAllocator allocator = new RootAllocator();

    @AfterEach
    void checkNoLeaks() {
        assertEquals(0, allocator.getAllocatedMemory(), "leaked Arrow memory");
        allocator.close();
    }

    @ParameterizedTest
    @EnumSource(value = JoinType.class, names = {"RIGHT_SEMI", "RIGHT_ANTI"}, mode = EnumSource.Mode.EXCLUDE)
    void conditionJoinMatchesReference(JoinType type) {
        for (int seed = 0; seed < 5; seed++) {
            Random random = new Random(seed);
            List<List<Object>> left = leftRows(random, random.nextInt(25));
            List<List<Object>> right = rightRows(random, random.nextInt(25));
            assertJoin(type, left, right, true);
            assertJoin(type, left, right, false);
        }
        assertJoin(type, List.of(), rightRows(new Random(1), 5), true);
        assertJoin(type, leftRows(new Random(1), 5), List.of(), true);
        assertJoin(type, leftRows(new Random(1), 5), List.of(), false);
    }

    private void assertJoin(JoinType type, List<List<Object>> left, List<List<Object>> right, boolean withCondition) {
        for (int batchSize : new int[] {1, 7, 1000}) {
            RowSchema output = type.outputsRight() ? TestRows.concat(LEFT, RIGHT) : LEFT;
            PhysicalNestedLoopJoin plan = new PhysicalNestedLoopJoin(new PhysicalValues(List.of(), LEFT), new PhysicalValues(List.of(), RIGHT),
                    type, withCondition ? Optional.of(CONDITION) : Optional.empty(), output);
            ExecutionContext context = new ExecutionContext(allocator, 1, batchSize, ZoneOffset.UTC);
            Optional<JoinCondition> condition = withCondition ? Optional.of(COMPILED_CONDITION) : Optional.empty();
            NestedLoopJoinOperator join = new NestedLoopJoinOperator(plan, TestRows.source(LEFT, left, allocator, 3, 1),
                    TestRows.source(RIGHT, right, allocator, 2, 5), condition, context);
            BiPredicate<List<Object>, List<Object>> matches = withCondition ? CONDITION_REFERENCE : (l, r) -> true;
            assertEquals(sorted(reference(type, left, right, matches)), sorted(TestRows.drain(join, batchSize)), type + " condition=" + withCondition);
        }
    }

    private static List<List<Object>> reference(JoinType type, List<List<Object>> left, List<List<Object>> right,
                                                BiPredicate<List<Object>, List<Object>> matches) {
        List<List<Object>> result = new ArrayList<>();
        boolean[] rightMatched = new boolean[right.size()];
        for (List<Object> l : left) {
            boolean matched = false;
            for (int j = 0; j < right.size(); j++) {
                if (matches.test(l, right.get(j))) {
                    matched = true;
                    rightMatched[j] = true;
                    if (type.outputsRight()) {
                        result.add(concat(l, right.get(j)));
                    }
                }
            }
            if (type == JoinType.SEMI && matched || type == JoinType.ANTI && !matched) {
                result.add(l);
            }
            if (!matched && (type == JoinType.LEFT || type == JoinType.FULL)) {
                result.add(concat(l, Collections.nCopies(RIGHT.size(), null)));
            }
        }
        for (int j = 0; j < right.size(); j++) {
            if (!rightMatched[j] && (type == JoinType.RIGHT || type == JoinType.FULL)) {
                result.add(concat(Collections.nCopies(LEFT.size(), null), right.get(j)));
            }
        }
        return result;
    }

    private static List<Object> concat(List<Object> a, List<Object> b) {
        List<Object> row = new ArrayList<>(a);
        row.addAll(b);
        return row;
    }

    private static List<List<Object>> leftRows(Random random, int count) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(Arrays.asList(TestRows.randomLong(random, 4, 0.15), TestRows.randomString(random, 3, 0.15),
                    TestRows.randomLong(random, 10, 0.1)));
        }
        return rows;
    }

    private static List<List<Object>> rightRows(Random random, int count) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(Arrays.asList(TestRows.randomLong(random, 4, 0.15), TestRows.randomLong(random, 10, 0.1)));
        }
        return rows;
    }
}
