package io.tarn.executor.expression;

import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.TypeKind;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.tarn.catalog.type.DataType.BIGINT;
import static io.tarn.catalog.type.DataType.BOOLEAN;
import static io.tarn.catalog.type.DataType.DATE;
import static io.tarn.catalog.type.DataType.DOUBLE;
import static io.tarn.catalog.type.DataType.INTEGER;
import static io.tarn.catalog.type.DataType.TIMESTAMP;
import static io.tarn.catalog.type.DataType.VARCHAR;

import static io.tarn.executor.expression.Expressions.call;
import static io.tarn.executor.expression.Expressions.evaluate;
import static io.tarn.executor.expression.Expressions.literal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Typed NULL literals (what a NULL parameter or CAST(NULL AS t) becomes) compile and evaluate for every type. */
class TestNullLiterals {
    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void checkLeaks() {
        assertEquals(0, allocator.getAllocatedMemory());
        allocator.close();
    }

    static Stream<DataType> scalarTypes() {
        List<DataType> types = new ArrayList<>();
        for (TypeKind kind : TypeKind.values()) {
            switch (kind) {
                case STRUCT, LIST, MAP -> {
                }
                case DECIMAL -> {
                    types.add(DataType.decimal(10, 2));
                    types.add(DataType.decimal(30, 4));
                }
                case CHAR -> types.add(new DataType(TypeKind.CHAR, 3, 0, true, List.of(), List.of()));
                case VARCHAR -> {
                    types.add(DataType.VARCHAR);
                    types.add(DataType.varchar(5));
                }
                default -> types.add(DataType.of(kind));
            }
        }
        return types.stream();
    }

    @ParameterizedTest
    @MethodSource("scalarTypes")
    void nullLiteralOfEveryTypeEvaluatesToNull(DataType type) {
        assertNull(evaluate(literal(null, type), allocator));
        assertNull(evaluate(call(Function.CAST, type, literal(null, type)), allocator));
        assertNull(evaluate(call(Function.CAST, type, literal(null, DataType.of(TypeKind.NULL))), allocator));
        assertEquals(Boolean.TRUE, evaluate(call(Function.IS_NULL, DataType.BOOLEAN, literal(null, type)), allocator));
        assertNull(evaluate(call(Function.CASE, type, literal(true, DataType.BOOLEAN), literal(null, type), literal(null, type)), allocator));
        assertNull(evaluate(call(Function.COALESCE, type, literal(null, type), literal(null, type)), allocator));
    }

    @ParameterizedTest
    @MethodSource("scalarTypes")
    void castBetweenTextAndEveryTypeKeepsNull(DataType type) {
        if (type.kind() == TypeKind.BOOLEAN || type.kind().isNumeric() || isDatetime(type)
                || type.kind().isString() || type.kind() == TypeKind.VARBINARY) {
            assertNull(evaluate(call(Function.CAST, VARCHAR, literal(null, type)), allocator));
            assertNull(evaluate(call(Function.CAST, type, literal(null, VARCHAR)), allocator));
        }
    }

    private static boolean isDatetime(DataType type) {
        return FunctionCodes.Comparisons.isDatetime(type.kind());
    }

    /** One call of each strict function with valid non-null arguments. */
    static Stream<Call> strictCalls() {
        DataType wide = DataType.decimal(30, 4);
        DataType narrow = DataType.decimal(10, 2);
        DataType dayTime = DataType.of(TypeKind.INTERVAL_DAY_TIME);
        DataType yearMonth = DataType.of(TypeKind.INTERVAL_YEAR_MONTH);
        DataType real = DataType.of(TypeKind.REAL);
        DataType varbinary = DataType.of(TypeKind.VARBINARY);
        Literal text = literal("abc", VARCHAR);
        Literal one = literal(1L, BIGINT);
        Literal half = literal(new BigDecimal("0.5000"), wide);
        Literal noon = literal(LocalDateTime.of(2024, 1, 31, 12, 0).toEpochSecond(ZoneOffset.UTC) * 1_000_000L, TIMESTAMP);
        Literal day = literal((int) LocalDate.of(2024, 2, 29).toEpochDay(), DATE);
        return Stream.of(
                call(Function.ADD, BIGINT, one, one),
                call(Function.SUBTRACT, narrow, literal(new BigDecimal("1.25"), narrow), literal(2L, INTEGER)),
                call(Function.MULTIPLY, wide, half, half),
                call(Function.DIVIDE, DOUBLE, literal(1.5, DOUBLE), literal(2.5f, real)),
                call(Function.MODULO, INTEGER, literal(7L, INTEGER), literal(3L, INTEGER)),
                call(Function.NEGATE, wide, half),
                call(Function.ADD, DATE, day, literal(86_400_000L, dayTime)),
                call(Function.SUBTRACT, TIMESTAMP, noon, literal(1L, yearMonth)),
                call(Function.SUBTRACT, INTEGER, day, day),
                call(Function.EQUAL, BOOLEAN, text, text),
                call(Function.LESS_THAN, BOOLEAN, half, one),
                call(Function.GREATER_THAN_OR_EQUAL, BOOLEAN, day, noon),
                call(Function.NOT_EQUAL, BOOLEAN, literal(new byte[] {1}, varbinary), literal(new byte[] {2}, varbinary)),
                call(Function.NOT, BOOLEAN, literal(true, BOOLEAN)),
                call(Function.CONCAT, VARCHAR, text, literal(5L, INTEGER)),
                call(Function.SUBSTRING, VARCHAR, text, literal(2L, INTEGER), literal(1L, INTEGER)),
                call(Function.POSITION, BIGINT, literal("b", VARCHAR), text),
                call(Function.UPPER, VARCHAR, text),
                call(Function.LOWER, VARCHAR, text),
                call(Function.TRIM_BOTH, VARCHAR, literal("a", VARCHAR), text),
                call(Function.CHAR_LENGTH, INTEGER, text),
                call(Function.OCTET_LENGTH, INTEGER, literal(new byte[] {1, 2}, varbinary)),
                call(Function.REPLACE, VARCHAR, text, literal("b", VARCHAR), literal("x", VARCHAR)),
                call(Function.LIKE, BOOLEAN, text, literal("a%", VARCHAR)),
                call(Function.LIKE, BOOLEAN, text, literal("a!%", VARCHAR), literal("!", VARCHAR)),
                call(Function.ABS, wide, half),
                call(Function.ROUND, narrow, literal(new BigDecimal("1.25"), narrow), literal(1L, INTEGER)),
                call(Function.FLOOR, DOUBLE, literal(1.5, DOUBLE)),
                call(Function.CEIL, wide, half),
                call(Function.POWER, DOUBLE, literal(2.0, DOUBLE), literal(3L, INTEGER)),
                call(Function.SQRT, DOUBLE, literal(4.0, DOUBLE)),
                call(Function.EXP, DOUBLE, literal(1.0, DOUBLE)),
                call(Function.LN, DOUBLE, literal(1.0, DOUBLE)),
                call(Function.LOG10, DOUBLE, literal(10.0, DOUBLE)),
                call(Function.SIGN, INTEGER, literal(-3L, INTEGER)),
                call(Function.TRUNCATE, narrow, literal(new BigDecimal("1.25"), narrow), literal(1L, INTEGER)),
                call(Function.EXTRACT, BIGINT, literal("YEAR", VARCHAR), day));
    }

    @ParameterizedTest
    @MethodSource("strictCalls")
    void strictFunctionOfANullLiteralIsNull(Call sample) {
        assertNotNull(evaluate(sample, allocator), sample + " over non-null constants");
        // EXTRACT's first argument names the unit; it is not a value
        int firstValue = sample.function() == Function.EXTRACT ? 1 : 0;
        for (int position = firstValue; position < sample.arguments().size(); position++) {
            List<Expression> arguments = new ArrayList<>(sample.arguments());
            arguments.set(position, literal(null, arguments.get(position).type()));
            Call withNull = new Call(sample.function(), arguments, sample.type());
            assertNull(evaluate(withNull, allocator), withNull.toString());
        }
    }
}
