package io.tarn.executor.expression;

import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.catalog.type.TypeKind;
import io.tarn.executor.ExecutionException;
import io.tarn.executor.vector.BatchFixtures;
import io.tarn.executor.vector.Vectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.StructVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.tarn.executor.expression.Expressions.call;
import static io.tarn.executor.expression.Expressions.evaluate;
import static io.tarn.executor.expression.Expressions.literal;
import static io.tarn.executor.expression.Expressions.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TestExpressionCompiler {
    private static final DataType INT = DataType.INTEGER;
    private static final DataType BIGINT = DataType.BIGINT;
    private static final DataType BOOL = DataType.BOOLEAN;

    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void checkLeaks() {
        assertEquals(0, allocator.getAllocatedMemory());
        allocator.close();
    }

    private static List<List<Object>> pairs(Long[] left, Long[] right) {
        List<List<Object>> rows = new ArrayList<>();
        for (Long a : left) {
            for (Long b : right) {
                rows.add(Arrays.asList(a, b));
            }
        }
        return rows;
    }

    @Test
    void integerArithmeticMatchesJava() {
        Long[] values = {null, -7L, -1L, 0L, 3L, 1000L, 46341L};
        Long[] divisors = {null, -3L, 2L, 7L};
        List<List<Object>> rows = pairs(values, divisors);
        RowSchema schema = BatchFixtures.schema(BIGINT, BIGINT);
        for (Function function : List.of(Function.ADD, Function.SUBTRACT, Function.MULTIPLY, Function.DIVIDE, Function.MODULO)) {
            List<Object> actual = evaluate(call(function, BIGINT, ref(0, BIGINT), ref(1, BIGINT)), schema, rows, allocator);
            for (int r = 0; r < rows.size(); r++) {
                Long a = (Long) rows.get(r).get(0);
                Long b = (Long) rows.get(r).get(1);
                Long expected = a == null || b == null ? null : switch (function) {
                    case ADD -> a + b;
                    case SUBTRACT -> a - b;
                    case MULTIPLY -> a * b;
                    case DIVIDE -> a / b;
                    default -> a % b;
                };
                assertEquals(expected, actual.get(r), function + " " + rows.get(r));
            }
        }
    }

    @Test
    void overflowAndDivisionByZeroRaiseSqlStates() {
        Expression intOverflow = call(Function.ADD, INT, literal((long) Integer.MAX_VALUE, INT), literal(1L, INT));
        assertEquals("22003", assertThrows(ExecutionException.class, () -> evaluate(intOverflow, allocator)).sqlState());
        Expression longOverflow = call(Function.MULTIPLY, BIGINT, literal(Long.MAX_VALUE / 2 + 1, BIGINT), literal(2L, BIGINT));
        assertEquals("22003", assertThrows(ExecutionException.class, () -> evaluate(longOverflow, allocator)).sqlState());
        Expression absMin = call(Function.ABS, BIGINT, literal(Long.MIN_VALUE, BIGINT));
        assertEquals("22003", assertThrows(ExecutionException.class, () -> evaluate(absMin, allocator)).sqlState());
        for (DataType type : List.of(INT, DataType.decimal(10, 2), DataType.DOUBLE)) {
            Object one = type.kind() == TypeKind.DECIMAL ? new BigDecimal("1.00") : type.kind() == TypeKind.DOUBLE ? (Object) 1.0 : 1L;
            Object zero = type.kind() == TypeKind.DECIMAL ? new BigDecimal("0.00") : type.kind() == TypeKind.DOUBLE ? (Object) 0.0 : 0L;
            for (Function function : List.of(Function.DIVIDE, Function.MODULO)) {
                Expression division = call(function, type, literal(one, type), literal(zero, type));
                assertEquals("22012", assertThrows(ExecutionException.class, () -> evaluate(division, allocator)).sqlState(),
                        function + " " + type);
            }
        }
    }

    @Test
    void caseDoesNotEvaluateUntakenBranches() {
        RowSchema schema = BatchFixtures.schema(BIGINT);
        List<List<Object>> rows = List.of(List.of(0L), List.of(5L), Arrays.asList((Object) null), List.of(-2L));
        Expression x = ref(0, BIGINT);
        Expression guarded = call(Function.CASE, BIGINT,
                call(Function.NOT_EQUAL, BOOL, x, literal(0L, BIGINT)), call(Function.DIVIDE, BIGINT, literal(10L, BIGINT), x),
                literal(-1L, BIGINT));
        List<Object> actual = evaluate(guarded, schema, rows, allocator);
        assertEquals(Arrays.asList(-1L, 2L, -1L, -5L), actual);
        Expression coalesce = call(Function.COALESCE, BIGINT, x, call(Function.DIVIDE, BIGINT, literal(1L, BIGINT), literal(0L, BIGINT)));
        Expression nonNullOnly = call(Function.COALESCE, BIGINT, literal(7L, BIGINT), coalesce);
        assertEquals(List.of(7L, 7L, 7L, 7L), evaluate(nonNullOnly, schema, rows, allocator));
        Expression andShortCircuit = call(Function.AND, BOOL, call(Function.NOT_EQUAL, BOOL, x, literal(0L, BIGINT)),
                call(Function.GREATER_THAN, BOOL, call(Function.DIVIDE, BIGINT, literal(10L, BIGINT), x), literal(1L, BIGINT)));
        assertEquals(Arrays.asList(false, true, null, false), evaluate(andShortCircuit, schema, rows, allocator));
    }

    @Test
    void threeValuedLogicFollowsTruthTables() {
        Boolean[] truth = {null, false, true};
        List<List<Object>> rows = new ArrayList<>();
        for (Boolean a : truth) {
            for (Boolean b : truth) {
                rows.add(Arrays.asList(a, b));
            }
        }
        RowSchema schema = BatchFixtures.schema(BOOL, BOOL);
        List<Object> and = evaluate(call(Function.AND, BOOL, ref(0, BOOL), ref(1, BOOL)), schema, rows, allocator);
        List<Object> or = evaluate(call(Function.OR, BOOL, ref(0, BOOL), ref(1, BOOL)), schema, rows, allocator);
        List<Object> not = evaluate(call(Function.NOT, BOOL, ref(0, BOOL)), schema, rows, allocator);
        List<Object> distinct = evaluate(call(Function.IS_DISTINCT_FROM, BOOL, ref(0, BOOL), ref(1, BOOL)), schema, rows, allocator);
        List<Object> isNotTrue = evaluate(call(Function.IS_NOT_TRUE, BOOL, ref(0, BOOL)), schema, rows, allocator);
        for (int r = 0; r < rows.size(); r++) {
            Boolean a = (Boolean) rows.get(r).get(0);
            Boolean b = (Boolean) rows.get(r).get(1);
            Boolean expectedAnd = Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b) ? Boolean.FALSE : a == null || b == null ? null : true;
            Boolean expectedOr = Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b) ? Boolean.TRUE : a == null || b == null ? null : false;
            assertEquals(expectedAnd, and.get(r), "AND " + rows.get(r));
            assertEquals(expectedOr, or.get(r), "OR " + rows.get(r));
            assertEquals(a == null ? null : !a, not.get(r));
            assertEquals(!Objects.equals(a, b), distinct.get(r));
            assertEquals(!Boolean.TRUE.equals(a), isNotTrue.get(r));
        }
    }

    /** Threads compiling the same and different shapes at once share the cache and each get working classes. */
    @Test
    void concurrentCompilationsOfManyShapesEvaluateCorrectly() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Object>> results = new ArrayList<>();
            List<Long> expected = new ArrayList<>();
            for (int copy = 0; copy < 4; copy++) {
                for (int terms = 1; terms <= 30; terms++) {
                    Expression sum = literal(1L, BIGINT);
                    for (int term = 1; term < terms; term++) {
                        sum = call(Function.ADD, BIGINT, sum, literal((long) term, BIGINT));
                    }
                    Expression shape = sum;
                    results.add(threads.submit(() -> evaluate(shape, allocator)));
                    expected.add(1L + (long) terms * (terms - 1) / 2);
                }
            }
            for (int i = 0; i < results.size(); i++) {
                assertEquals(expected.get(i), results.get(i).get());
            }
        } finally {
            threads.shutdown();
        }
    }

    @Test
    void constantAndNullArgumentsCompile() {
        Literal nullBoolean = literal(null, BOOL);
        Literal nullType = literal(null, DataType.of(TypeKind.NULL));
        assertEquals(null, evaluate(call(Function.AND, BOOL, literal(true, BOOL), nullBoolean), allocator));
        assertEquals(false, evaluate(call(Function.AND, BOOL, nullType, literal(false, BOOL)), allocator));
        assertEquals(true, evaluate(call(Function.OR, BOOL, nullBoolean, literal(true, BOOL)), allocator));
        assertEquals(null, evaluate(call(Function.CASE, BIGINT, nullBoolean, literal(1L, BIGINT)), allocator));
        assertEquals(2L, evaluate(call(Function.CASE, BIGINT, nullType, literal(1L, BIGINT), literal(2L, INT)), allocator));
        assertEquals(3L, evaluate(call(Function.COALESCE, BIGINT, nullType, literal(null, BIGINT), literal(3L, INT)), allocator));
        assertEquals(true, evaluate(call(Function.IS_NULL, BOOL, nullType), allocator));
        assertEquals(null, evaluate(call(Function.ADD, BIGINT, literal(1L, BIGINT), nullType), allocator));
        assertEquals(false, evaluate(call(Function.IS_DISTINCT_FROM, BOOL, nullType, literal(null, BIGINT)), allocator));
    }

    @Test
    void decimalArithmeticIsExactAndRoundsHalfUp() {
        DataType price = DataType.decimal(15, 2);
        RowSchema schema = BatchFixtures.schema(price, price);
        List<List<Object>> rows = List.of(
                List.of(new BigDecimal("12345.67"), new BigDecimal("0.07")),
                List.of(new BigDecimal("-0.05"), new BigDecimal("0.10")),
                List.of(new BigDecimal("9999999999999.99"), new BigDecimal("3.00")),
                Arrays.asList(null, new BigDecimal("1.00")));
        for (DataType resultType : List.of(DataType.decimal(18, 4), DataType.decimal(31, 4), DataType.decimal(18, 1))) {
            List<Object> products = evaluate(call(Function.MULTIPLY, resultType, ref(0, price), ref(1, price)), schema, rows, allocator);
            for (int r = 0; r < rows.size(); r++) {
                BigDecimal a = (BigDecimal) rows.get(r).get(0);
                BigDecimal b = (BigDecimal) rows.get(r).get(1);
                Object expected = a == null ? null : a.multiply(b).setScale(resultType.scale(), RoundingMode.HALF_UP);
                assertEquals(expected, products.get(r), resultType + " " + rows.get(r));
            }
        }
        for (DataType quotientType : List.of(DataType.decimal(18, 6), DataType.decimal(25, 6))) {
            List<List<Object>> dividends = quotientType.precision() > 18 ? rows : rows.subList(0, 2);
            List<Object> quotients = evaluate(call(Function.DIVIDE, quotientType, ref(0, price), ref(1, price)), schema, dividends, allocator);
            for (int r = 0; r < dividends.size(); r++) {
                BigDecimal a = (BigDecimal) dividends.get(r).get(0);
                BigDecimal b = (BigDecimal) dividends.get(r).get(1);
                assertEquals(a == null ? null : a.divide(b, 6, RoundingMode.HALF_UP), quotients.get(r));
            }
        }
        Expression tooWide = call(Function.MULTIPLY, DataType.decimal(15, 2),
                literal(new BigDecimal("9999999999999.99"), price), literal(new BigDecimal("10.00"), price));
        assertEquals("22003", assertThrows(ExecutionException.class, () -> evaluate(tooWide, allocator)).sqlState());
        Expression mixed = call(Function.ADD, DataType.decimal(12, 2), literal(3L, INT), literal(new BigDecimal("0.25"), DataType.decimal(5, 2)));
        assertEquals(new BigDecimal("3.25"), evaluate(mixed, allocator));
    }

    @Test
    void wideDecimalsRoundTripThroughVectors() {
        DataType wide = DataType.decimal(38, 3);
        RowSchema schema = BatchFixtures.schema(wide);
        List<List<Object>> rows = new ArrayList<>();
        for (String text : List.of("0.000", "-1.500", "9223372036854775.807", "-9223372036854775.809",
                "12345678901234567890123456789012.345", "-12345678901234567890123456789012.345")) {
            rows.add(List.of(new BigDecimal(text)));
        }
        rows.add(Arrays.asList((Object) null));
        List<Object> negated = evaluate(call(Function.NEGATE, wide, ref(0, wide)), schema, rows, allocator);
        for (int r = 0; r < rows.size(); r++) {
            BigDecimal value = (BigDecimal) rows.get(r).get(0);
            assertEquals(value == null ? null : value.negate(), negated.get(r));
        }
    }

    @Test
    void castsRoundHalfAwayFromZeroAndRejectBadText() {
        for (String text : List.of("2.5", "-2.5", "2.49", "-0.5")) {
            BigDecimal value = new BigDecimal(text);
            long expected = value.setScale(0, RoundingMode.HALF_UP).longValueExact();
            assertEquals(expected, evaluate(call(Function.CAST, INT, literal(value, DataType.decimal(5, 2))), allocator));
            assertEquals(expected, evaluate(call(Function.CAST, INT, literal(value.doubleValue(), DataType.DOUBLE)), allocator));
        }
        assertEquals(42L, evaluate(call(Function.CAST, INT, literal(" 42 ", DataType.VARCHAR)), allocator));
        ExecutionException badNumber = assertThrows(ExecutionException.class,
                () -> evaluate(call(Function.CAST, INT, literal("4x2", DataType.VARCHAR)), allocator));
        assertEquals("22018", badNumber.sqlState());
        assertEquals(true, badNumber.getMessage().contains("4x2"));
        ExecutionException badDate = assertThrows(ExecutionException.class,
                () -> evaluate(call(Function.CAST, DataType.DATE, literal("2024-02-30", DataType.VARCHAR)), allocator));
        assertEquals("22007", badDate.sqlState());
        assertEquals((int) LocalDate.of(2024, 2, 29).toEpochDay(),
                evaluate(call(Function.CAST, DataType.DATE, literal("2024-02-29", DataType.VARCHAR)), allocator));
        assertEquals("300", evaluate(call(Function.CAST, DataType.VARCHAR, literal(300L, INT)), allocator));
        assertEquals("true", evaluate(call(Function.CAST, DataType.VARCHAR, literal(true, BOOL)), allocator));
        String[][] doubles = {{"0.1", "0.1"}, {"100", "100.0"}, {"-2.5", "-2.5"}, {"1e16", "1e+16"}, {"1.5e-5", "1.5e-05"},
                {"123456.789", "123456.789"}, {"0.0001", "0.0001"}};
        for (String[] pair : doubles) {
            assertEquals(pair[1], evaluate(call(Function.CAST, DataType.VARCHAR, literal(Double.parseDouble(pair[0]), DataType.DOUBLE)),
                    allocator), pair[0]);
        }
        assertEquals("1.50", evaluate(call(Function.CAST, DataType.VARCHAR, literal(new BigDecimal("1.50"), DataType.decimal(4, 2))), allocator));
        assertEquals("ab  ", evaluate(call(Function.CAST, new DataType(TypeKind.CHAR, 4, 0, true, List.of(), List.of()),
                literal("ab", DataType.VARCHAR)), allocator));
        assertEquals("22003", assertThrows(ExecutionException.class,
                () -> evaluate(call(Function.CAST, DataType.of(TypeKind.SMALLINT), literal(40000L, INT)), allocator)).sqlState());
    }

    @Test
    void charComparisonIgnoresTrailingSpaces() {
        DataType char5 = new DataType(TypeKind.CHAR, 5, 0, true, List.of(), List.of());
        Expression equal = call(Function.EQUAL, BOOL, literal("ab   ", char5), literal("ab", DataType.VARCHAR));
        assertEquals(true, evaluate(equal, allocator));
        Expression varcharEqual = call(Function.EQUAL, BOOL, literal("ab ", DataType.VARCHAR), literal("ab", DataType.VARCHAR));
        assertEquals(false, evaluate(varcharEqual, allocator));
        Expression less = call(Function.LESS_THAN, BOOL, literal("Zebra", DataType.VARCHAR), literal("apple", DataType.VARCHAR));
        assertEquals("Zebra".compareTo("apple") < 0, evaluate(less, allocator));
    }

    @Test
    void predicateSelectsOnlyTrueRows() {
        RowSchema schema = BatchFixtures.schema(BIGINT);
        List<List<Object>> rows = new ArrayList<>();
        for (long i = 0; i < 100; i++) {
            rows.add(Arrays.asList(i % 10 == 0 ? null : i));
        }
        CompiledPredicate predicate = ExpressionCompiler.compilePredicate(
                call(Function.GREATER_THAN, BOOL, call(Function.MODULO, BIGINT, ref(0, BIGINT), literal(3L, BIGINT)), literal(1L, BIGINT)),
                ZoneOffset.UTC);
        try (Batch batch = BatchFixtures.batch(schema, rows, allocator)) {
            int[] selection = new int[batch.rowCount()];
            int count = predicate.filter(batch, selection);
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                if (i % 10 != 0 && i % 3 > 1) {
                    expected.add(i);
                }
            }
            assertEquals(expected, Arrays.stream(selection, 0, count).boxed().toList());
        }
    }

    @Test
    void expressionsDifferingOnlyInConstantsShareOneClass() {
        Expression first = call(Function.SIGN, BIGINT, call(Function.SUBTRACT, BIGINT, ref(0, BIGINT), literal(17L, BIGINT)));
        Expression second = call(Function.SIGN, BIGINT, call(Function.SUBTRACT, BIGINT, ref(0, BIGINT), literal(-3L, BIGINT)));
        RowSchema schema = BatchFixtures.schema(BIGINT);
        List<List<Object>> rows = List.of(List.of(5L), List.of(20L));
        assertEquals(List.of(-1L, 1L), evaluate(first, schema, rows, allocator));
        int cached = ExpressionCompiler.cachedClassCount();
        assertEquals(List.of(1L, 1L), evaluate(second, schema, rows, allocator));
        assertEquals(cached, ExpressionCompiler.cachedClassCount());
    }

    @Test
    void sameShapeWithOtherLiteralsGivesOtherResults() {
        RowSchema schema = BatchFixtures.schema(DataType.VARCHAR);
        List<List<Object>> rows = List.of(List.of("apple"), List.of("banana"));
        Expression first = call(Function.EQUAL, BOOL, ref(0, DataType.VARCHAR), literal("apple", DataType.VARCHAR));
        Expression second = call(Function.EQUAL, BOOL, ref(0, DataType.VARCHAR), literal("banana", DataType.VARCHAR));
        assertEquals(List.of(true, false), evaluate(first, schema, rows, allocator));
        assertEquals(List.of(false, true), evaluate(second, schema, rows, allocator));
    }

    @Test
    void allNullAndEmptyInputs() {
        RowSchema schema = BatchFixtures.schema(BIGINT, DataType.VARCHAR);
        List<List<Object>> nulls = List.of(Arrays.asList(null, null), Arrays.asList(null, null));
        Expression sum = call(Function.ADD, BIGINT, ref(0, BIGINT), literal(1L, BIGINT));
        Expression upper = call(Function.UPPER, DataType.VARCHAR, ref(1, DataType.VARCHAR));
        assertEquals(Arrays.asList(null, null), evaluate(sum, schema, nulls, allocator));
        assertEquals(Arrays.asList(null, null), evaluate(upper, schema, nulls, allocator));
        assertEquals(List.of(), evaluate(upper, schema, List.of(), allocator));
        assertEquals(null, evaluate(literal(null, DataType.of(TypeKind.NULL)), allocator));
    }

    @Test
    void nullTestsOnNestedColumns() {
        DataType struct = DataType.struct(List.of("a"), List.of(BIGINT));
        RowSchema schema = BatchFixtures.schema(struct);
        List<FieldVector> vectors = Vectors.create(schema, allocator);
        StructVector vector = (StructVector) vectors.get(0);
        vector.setIndexDefined(0);
        vector.setNull(1);
        vector.setIndexDefined(2);
        vector.setValueCount(3);
        try (Batch batch = new Batch(vectors, 3);
             var result = ExpressionCompiler.compile(call(Function.IS_NULL, BOOL, ref(0, struct)), ZoneOffset.UTC).evaluate(batch, allocator)) {
            assertEquals(List.of(false, true, false), BatchFixtures.values(result, 3));
        }
    }

    @Test
    void unsupportedCombinationNamesFunctionAndTypes() {
        Expression bad = call(Function.ADD, DataType.VARCHAR, literal("a", DataType.VARCHAR), literal("b", DataType.VARCHAR));
        ExecutionException error = assertThrows(ExecutionException.class, () -> ExpressionCompiler.compile(bad, ZoneOffset.UTC));
        assertEquals("XX000", error.sqlState());
        assertEquals(true, error.getMessage().contains("ADD"), error.getMessage());
    }
}
