package io.tarn.executor.expression;

import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.catalog.type.TypeKind;
import io.tarn.executor.ExecutionException;
import io.tarn.executor.vector.BatchFixtures;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.tarn.executor.expression.Expressions.call;
import static io.tarn.executor.expression.Expressions.evaluate;
import static io.tarn.executor.expression.Expressions.literal;
import static io.tarn.executor.expression.Expressions.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** DECIMAL(19..38) values (Int128 holders) through generated code: per-row reuse, casts, comparisons, CASE sharing. */
class TestWideDecimalExpressions {
    private static final DataType PRICE = DataType.decimal(12, 2);
    private static final DataType DISCOUNTED = DataType.decimal(25, 4);
    private static final DataType CHARGE = DataType.decimal(38, 6);
    private static final DataType BOOL = DataType.BOOLEAN;

    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void checkLeaks() {
        assertEquals(0, allocator.getAllocatedMemory());
        allocator.close();
    }

    private static BigDecimal decimal(String text) {
        return new BigDecimal(text);
    }

    /** TPC-H q1's charge, price * (1 - discount) * (1 + tax), row after row in the same holders, NULLs in between. */
    @Test
    void tpchChargeOverManyRows() {
        RowSchema schema = BatchFixtures.schema(PRICE, PRICE, PRICE);
        Random random = new Random(3);
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            BigDecimal price = BigDecimal.valueOf(random.nextLong() % 100_000_000_000L, 2);
            BigDecimal discount = BigDecimal.valueOf(random.nextInt(11), 2);
            BigDecimal tax = BigDecimal.valueOf(random.nextInt(9) - 4, 2);
            rows.add(i % 17 == 0 ? Arrays.asList(price, null, tax) : Arrays.asList(price, discount, tax));
        }
        Expression one = literal(BigDecimal.ONE, DataType.decimal(1, 0));
        Expression discounted = call(Function.MULTIPLY, DISCOUNTED, ref(0, PRICE),
                call(Function.SUBTRACT, DataType.decimal(13, 2), one, ref(1, PRICE)));
        Expression charge = call(Function.MULTIPLY, CHARGE, discounted, call(Function.ADD, DataType.decimal(13, 2), one, ref(2, PRICE)));
        List<Object> discountedValues = evaluate(discounted, schema, rows, allocator);
        List<Object> charges = evaluate(charge, schema, rows, allocator);
        for (int r = 0; r < rows.size(); r++) {
            List<Object> row = rows.get(r);
            if (row.get(1) == null) {
                assertEquals(null, charges.get(r));
                continue;
            }
            BigDecimal price = (BigDecimal) row.get(0);
            BigDecimal expected = price.multiply(BigDecimal.ONE.subtract((BigDecimal) row.get(1)));
            assertEquals(expected, discountedValues.get(r));
            assertEquals(expected.multiply(BigDecimal.ONE.add((BigDecimal) row.get(2))), charges.get(r));
        }
    }

    /** Sums, differences and products of wide columns near 10^38, at mixed scales; past the precision is 22003. */
    @Test
    void arithmeticNearTheLimit() {
        DataType wide = DataType.decimal(38, 2);
        DataType other = DataType.decimal(30, 5);
        RowSchema schema = BatchFixtures.schema(wide, other);
        BigDecimal max = new BigDecimal(BigInteger.TEN.pow(38).subtract(BigInteger.ONE), 2);
        List<List<Object>> rows = List.of(
                List.of(max.subtract(decimal("1.00")), decimal("0.99999")),
                List.of(max.negate(), decimal("-0.00001")),
                List.of(decimal("-18446744073709551616.00"), decimal("18446744073709551615.00001")),
                Arrays.asList(null, decimal("1.00000")));
        List<Object> sums = evaluate(call(Function.ADD, wide, ref(0, wide), ref(1, other)), schema, rows, allocator);
        assertEquals(max, sums.get(0)); // 0.99999 rounds half up to 1.00
        assertEquals(max.negate(), sums.get(1));
        assertEquals(decimal("-1.00"), sums.get(2)); // -0.99999
        assertEquals(null, sums.get(3));
        List<Object> differences = evaluate(call(Function.SUBTRACT, DataType.decimal(38, 5), ref(0, wide), ref(1, other)),
                schema, rows.subList(2, 4), allocator);
        assertEquals(decimal("-36893488147419103231.00001"), differences.get(0));
        ExecutionException tooBig = assertThrows(ExecutionException.class,
                () -> evaluate(call(Function.ADD, wide, ref(0, wide), ref(1, other)), schema,
                        List.of(List.of(max, decimal("0.01000"))), allocator));
        assertEquals("22003", tooBig.sqlState());
        assertEquals("value out of range for DECIMAL(38, 2)", tooBig.getMessage());
        ExecutionException tooSmall = assertThrows(ExecutionException.class,
                () -> evaluate(call(Function.MULTIPLY, wide, ref(0, wide), ref(1, other)), schema,
                        List.of(List.of(max.negate(), decimal("2.00000"))), allocator));
        assertEquals("22003", tooSmall.sqlState());
        // two negative BIGINTs whose product needs 127 bits
        Expression square = call(Function.MULTIPLY, DataType.decimal(38, 0), literal(Long.MIN_VALUE, DataType.BIGINT),
                literal(Long.MIN_VALUE, DataType.BIGINT));
        assertEquals(new BigDecimal(BigInteger.ONE.shiftLeft(126)), evaluate(square, allocator));
        Expression quotient = call(Function.DIVIDE, wide, literal(max, wide), literal(decimal("-3.00000"), other));
        assertEquals(max.divide(decimal("-3"), 2, RoundingMode.HALF_UP), evaluate(quotient, allocator));
        Expression remainder = call(Function.MODULO, DataType.decimal(38, 5), literal(max, wide), literal(decimal("7.00001"), other));
        assertEquals(max.remainder(decimal("7.00001")).setScale(5), evaluate(remainder, allocator));
        assertEquals("22012", assertThrows(ExecutionException.class, () -> evaluate(call(Function.DIVIDE, wide,
                literal(max, wide), literal(decimal("0.00000"), other)), allocator)).sqlState());
    }

    @Test
    void castsToAndFromOtherTypes() {
        DataType wide = DataType.decimal(30, 4);
        BigDecimal value = decimal("-12345678901234567890.5678");
        Expression column = literal(value, wide);
        assertEquals("-12345678901234567890.5678", evaluate(call(Function.CAST, DataType.VARCHAR, column), allocator));
        assertEquals(value, evaluate(call(Function.CAST, wide, literal(" -12345678901234567890.56781 ", DataType.VARCHAR)), allocator));
        assertEquals("22018", assertThrows(ExecutionException.class,
                () -> evaluate(call(Function.CAST, wide, literal("1.2.3", DataType.VARCHAR)), allocator)).sqlState());
        assertEquals(value.doubleValue(), evaluate(call(Function.CAST, DataType.DOUBLE, column), allocator));
        assertEquals((double) (float) value.doubleValue(), evaluate(call(Function.CAST, DataType.of(TypeKind.REAL), column), allocator));
        assertEquals(decimal("12345.6789"), evaluate(call(Function.CAST, wide, literal(12345.6789, DataType.DOUBLE)), allocator));
        assertEquals("22003", assertThrows(ExecutionException.class,
                () -> evaluate(call(Function.CAST, wide, literal(1e30, DataType.DOUBLE)), allocator)).sqlState());
        assertEquals("22003", assertThrows(ExecutionException.class,
                () -> evaluate(call(Function.CAST, DataType.BIGINT, column), allocator)).sqlState());
        assertEquals(-1234568L, evaluate(call(Function.CAST, DataType.BIGINT, literal(decimal("-1234567.5000"), wide)), allocator));
        assertEquals(decimal("-1234567.50"), evaluate(call(Function.CAST, DataType.decimal(18, 2), literal(decimal("-1234567.4950"), wide)), allocator));
        assertEquals("22003", assertThrows(ExecutionException.class,
                () -> evaluate(call(Function.CAST, DataType.decimal(18, 2), column), allocator)).sqlState());
        assertEquals(decimal("9223372036854775807.0000"), evaluate(call(Function.CAST, wide, literal(Long.MAX_VALUE, DataType.BIGINT)), allocator));
        assertEquals(decimal("-99999999999999.9999"),
                evaluate(call(Function.CAST, wide, literal(decimal("-99999999999999.9999"), DataType.decimal(18, 4))), allocator));
        assertEquals(decimal("-12345678901234567890.57"), evaluate(call(Function.CAST, DataType.decimal(38, 2), column), allocator));
    }

    @Test
    void comparisonsAcrossScalesAndTypes() {
        DataType wide = DataType.decimal(38, 10);
        Expression big = literal(decimal("123456789012345678901234567.8900000000"), wide);
        Expression sameAtScale2 = literal(decimal("123456789012345678901234567.89"), DataType.decimal(29, 2));
        assertEquals(true, evaluate(call(Function.EQUAL, BOOL, big, sameAtScale2), allocator));
        assertEquals(false, evaluate(call(Function.LESS_THAN, BOOL, big, sameAtScale2), allocator));
        assertEquals(true, evaluate(call(Function.GREATER_THAN, BOOL, big, literal(Long.MAX_VALUE, DataType.BIGINT)), allocator));
        assertEquals(true, evaluate(call(Function.LESS_THAN, BOOL, literal(decimal("-1.5"), DataType.decimal(2, 1)),
                literal(decimal("-1.4999999999"), wide)), allocator));
        assertEquals(true, evaluate(call(Function.EQUAL, BOOL, big, literal("123456789012345678901234567.89", DataType.VARCHAR)), allocator));
        assertEquals(true, evaluate(call(Function.GREATER_THAN, BOOL, big, literal(1e26, DataType.DOUBLE)), allocator));
        assertEquals(false, evaluate(call(Function.IS_DISTINCT_FROM, BOOL, big, sameAtScale2), allocator));
    }

    /**
     * CASE and COALESCE results share their branch's holder instead of copying it; every node runs once per row, so
     * nothing overwrites a shared holder before the row's result is written.
     */
    @Test
    void caseAndCoalesceShareHoldersSafely() {
        DataType wide = DataType.decimal(30, 2);
        RowSchema schema = BatchFixtures.schema(wide, wide, BOOL);
        List<List<Object>> rows = List.of(
                Arrays.asList(decimal("1.00"), decimal("10.00"), true),
                Arrays.asList(null, decimal("20.00"), false),
                Arrays.asList(decimal("3.00"), null, false),
                Arrays.asList(decimal("-4.00"), decimal("40.00"), null));
        Expression a = ref(0, wide);
        Expression b = ref(1, wide);
        Expression negatedA = call(Function.NEGATE, wide, a);
        // COALESCE(-a, b) + (-a) * 2 and CASE WHEN c THEN -a ELSE b + a END - (-a)
        Expression coalesce = call(Function.ADD, wide, call(Function.COALESCE, wide, negatedA, b),
                call(Function.MULTIPLY, wide, negatedA, literal(2L, DataType.INTEGER)));
        Expression caseWhen = call(Function.SUBTRACT, wide,
                call(Function.CASE, wide, ref(2, BOOL), negatedA, call(Function.ADD, wide, b, a)), negatedA);
        assertEquals(Arrays.asList(decimal("-3.00"), null, decimal("-9.00"), decimal("12.00")), evaluate(coalesce, schema, rows, allocator));
        assertEquals(Arrays.asList(decimal("0.00"), null, null, decimal("32.00")), evaluate(caseWhen, schema, rows, allocator));
        Expression pick = call(Function.COALESCE, wide, a, b, literal(decimal("7.50"), wide));
        assertEquals(Arrays.asList(decimal("1.00"), decimal("20.00"), decimal("3.00"), decimal("-4.00")), evaluate(pick, schema, rows, allocator));
    }

    @Test
    void numericFunctions() {
        DataType wide = DataType.decimal(30, 4);
        Expression value = literal(decimal("-12345678901234567890.5678"), wide);
        assertEquals(decimal("12345678901234567890.5678"), evaluate(call(Function.ABS, wide, value), allocator));
        assertEquals(decimal("-12345678901234567890.5700"), evaluate(call(Function.ROUND, wide, value, literal(2L, DataType.INTEGER)), allocator));
        assertEquals(decimal("-12345678901234567890.5600"), evaluate(call(Function.TRUNCATE, wide, value, literal(2L, DataType.INTEGER)), allocator));
        assertEquals(decimal("-12345678901234567900.0000"), evaluate(call(Function.ROUND, wide, value, literal(-2L, DataType.INTEGER)), allocator));
        assertEquals(decimal("-12345678901234567891.0000"), evaluate(call(Function.FLOOR, wide, value), allocator));
        assertEquals(decimal("-12345678901234567890.0000"), evaluate(call(Function.CEIL, wide, value), allocator));
        assertEquals(decimal("-1.0000"), evaluate(call(Function.SIGN, wide, value), allocator));
        assertEquals(decimal("-12345678901234567891"), evaluate(call(Function.FLOOR, DataType.decimal(30, 0), value), allocator));
        assertEquals(Math.sqrt(12345678901234567890.5678), evaluate(call(Function.SQRT, DataType.DOUBLE,
                call(Function.ABS, wide, value)), allocator));
        assertEquals("-12345678901234567890.5678x", evaluate(call(Function.CONCAT, DataType.VARCHAR, value, literal("x", DataType.VARCHAR)), allocator));
    }

    /**
     * One compiled projection used by threads at once: holders are locals of each evaluate call, so no thread sees
     * another's values.
     */
    @Test
    void threadsShareACompiledExpression() throws Exception {
        RowSchema schema = BatchFixtures.schema(PRICE, PRICE);
        Expression product = call(Function.MULTIPLY, DISCOUNTED, ref(0, PRICE), ref(1, PRICE));
        CompiledExpression compiled = ExpressionCompiler.compile(product, ZoneOffset.UTC);
        int threadCount = 4;
        ExecutorService threads = Executors.newFixedThreadPool(threadCount);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < threadCount; t++) {
                long factor = t + 1;
                results.add(threads.submit(() -> {
                    List<List<Object>> rows = new ArrayList<>();
                    for (int i = 0; i < 2000; i++) {
                        rows.add(List.of(BigDecimal.valueOf(i * 100_000_007L, 2), BigDecimal.valueOf(factor * 1_000_000_000L, 2)));
                    }
                    start.await();
                    for (int round = 0; round < 20; round++) {
                        try (Batch batch = BatchFixtures.batch(schema, rows, allocator);
                             FieldVector result = compiled.evaluate(batch, allocator)) {
                            List<Object> values = BatchFixtures.values(result, rows.size());
                            for (int i = 0; i < rows.size(); i++) {
                                BigDecimal expected = ((BigDecimal) rows.get(i).get(0)).multiply((BigDecimal) rows.get(i).get(1));
                                assertEquals(expected, values.get(i));
                            }
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> result : results) {
                result.get();
            }
        } finally {
            threads.shutdown();
        }
    }

    @Test
    void filtersOnWideValues() {
        RowSchema schema = BatchFixtures.schema(PRICE, PRICE);
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            rows.add(i % 10 == 0 ? Arrays.asList(null, decimal("1.00")) : List.of(BigDecimal.valueOf(i * 1_000_000_000L, 2), decimal("1.50")));
        }
        Expression product = call(Function.MULTIPLY, DISCOUNTED, ref(0, PRICE), ref(1, PRICE));
        Expression condition = call(Function.GREATER_THAN, BOOL, product, literal(decimal("750000000.00"), DataType.decimal(20, 2)));
        CompiledPredicate predicate = ExpressionCompiler.compilePredicate(condition, ZoneOffset.UTC);
        int[] selection = new int[rows.size()];
        try (Batch batch = BatchFixtures.batch(schema, rows, allocator)) {
            int count = predicate.filter(batch, selection);
            List<Integer> expected = new ArrayList<>();
            for (int i = 51; i < 100; i++) {
                if (i % 10 != 0) {
                    expected.add(i);
                }
            }
            assertEquals(expected, Arrays.stream(selection, 0, count).boxed().toList());
        }
    }
}
