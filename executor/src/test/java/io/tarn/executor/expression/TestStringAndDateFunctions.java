package io.tarn.executor.expression;

import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.catalog.type.TypeKind;
import io.tarn.executor.ExecutionException;
import io.tarn.executor.expression.runtime.Strings;
import io.tarn.executor.vector.BatchFixtures;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import static io.tarn.executor.expression.Expressions.call;
import static io.tarn.executor.expression.Expressions.evaluate;
import static io.tarn.executor.expression.Expressions.literal;
import static io.tarn.executor.expression.Expressions.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TestStringAndDateFunctions {
    private static final DataType VARCHAR = DataType.VARCHAR;
    private static final DataType BIGINT = DataType.BIGINT;
    private static final DataType BOOL = DataType.BOOLEAN;
    private static final DataType DATE = DataType.DATE;
    private static final List<String> WORDS = List.of("", "a", "abc", "special requests", "xx special yy requests",
            "requests special", "ünïcødé", "%_", "PROMO BRUSHED", "a_c");

    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void checkLeaks() {
        assertEquals(0, allocator.getAllocatedMemory());
        allocator.close();
    }

    private static List<List<Object>> column(List<?> values) {
        List<List<Object>> rows = new ArrayList<>();
        for (Object value : values) {
            rows.add(Arrays.asList(value));
        }
        return rows;
    }

    /** LIKE semantics expressed as a regular expression, independently of the matcher's segment search. */
    private static boolean like(String value, String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '%' ? ".*" : c == '_' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(value).matches();
    }

    @Test
    void likeMatchesLikeARegularExpression() {
        RowSchema schema = BatchFixtures.schema(VARCHAR);
        List<List<Object>> rows = column(WORDS);
        for (String pattern : List.of("%special%requests%", "abc", "a%", "%c", "%", "_", "a_c", "%é", "%ec%", "", "___%", "PROMO%")) {
            List<Object> actual = evaluate(call(Function.LIKE, BOOL, ref(0, VARCHAR), literal(pattern, VARCHAR)), schema, rows, allocator);
            for (int r = 0; r < WORDS.size(); r++) {
                assertEquals(like(WORDS.get(r), pattern), actual.get(r), WORDS.get(r) + " LIKE " + pattern);
            }
        }
        Expression escaped = call(Function.LIKE, BOOL, ref(0, VARCHAR), literal("!%!_", VARCHAR), literal("!", VARCHAR));
        List<Object> actual = evaluate(escaped, schema, rows, allocator);
        for (int r = 0; r < WORDS.size(); r++) {
            assertEquals(WORDS.get(r).equals("%_"), actual.get(r));
        }
    }

    @Test
    void columnComparedWithConstantFollowsCodePointOrderAndPadSpace() {
        RowSchema schema = BatchFixtures.schema(VARCHAR);
        List<String> values = List.of("", "a", "ab", "ab  ", "abc", "b", "Z", "é", "MAIL");
        List<List<Object>> rows = new ArrayList<>(column(values));
        rows.add(Arrays.asList((Object) null));
        DataType char2 = new DataType(TypeKind.CHAR, 2, 0, true, List.of(), List.of());
        for (Function function : List.of(Function.EQUAL, Function.NOT_EQUAL, Function.LESS_THAN, Function.GREATER_THAN_OR_EQUAL)) {
            for (DataType literalType : List.of(VARCHAR, char2)) {
                Literal constant = literal("ab", literalType);
                List<Object> columnFirst = evaluate(call(function, BOOL, ref(0, VARCHAR), constant), schema, rows, allocator);
                List<Object> constantFirst = evaluate(call(function, BOOL, constant, ref(0, VARCHAR)), schema, rows, allocator);
                for (int r = 0; r < values.size(); r++) {
                    String value = values.get(r);
                    if (literalType == char2) {
                        value = value.stripTrailing();
                    }
                    int order = Integer.signum(value.compareTo("ab"));
                    boolean expected = switch (function) {
                        case EQUAL -> order == 0;
                        case NOT_EQUAL -> order != 0;
                        case LESS_THAN -> order < 0;
                        default -> order >= 0;
                    };
                    boolean expectedReversed = switch (function) {
                        case EQUAL -> order == 0;
                        case NOT_EQUAL -> order != 0;
                        case LESS_THAN -> order > 0;
                        default -> order <= 0;
                    };
                    assertEquals(expected, columnFirst.get(r), function + " " + literalType + " '" + values.get(r) + "'");
                    assertEquals(expectedReversed, constantFirst.get(r), "reversed " + function + " '" + values.get(r) + "'");
                }
                assertEquals(null, columnFirst.get(values.size()));
            }
        }
    }

    @Test
    void stringFunctionsCountCodePoints() {
        RowSchema schema = BatchFixtures.schema(VARCHAR);
        List<List<Object>> rows = column(WORDS);
        List<Object> lengths = evaluate(call(Function.CHAR_LENGTH, DataType.INTEGER, ref(0, VARCHAR)), schema, rows, allocator);
        List<Object> octets = evaluate(call(Function.OCTET_LENGTH, DataType.INTEGER, ref(0, VARCHAR)), schema, rows, allocator);
        List<Object> uppers = evaluate(call(Function.UPPER, VARCHAR, ref(0, VARCHAR)), schema, rows, allocator);
        List<Object> positions = evaluate(call(Function.POSITION, DataType.INTEGER, literal("c", VARCHAR), ref(0, VARCHAR)), schema, rows, allocator);
        for (int r = 0; r < WORDS.size(); r++) {
            String word = WORDS.get(r);
            assertEquals((long) word.codePointCount(0, word.length()), lengths.get(r));
            assertEquals((long) Strings.utf8(word).length, octets.get(r));
            assertEquals(word.toUpperCase(java.util.Locale.ROOT), uppers.get(r));
            assertEquals((long) word.indexOf('c') + 1, positions.get(r));
        }
        for (long start = -2; start <= 5; start++) {
            for (long length = 0; length <= 4; length++) {
                String word = "ünïcødé";
                Object actual = evaluate(call(Function.SUBSTRING, VARCHAR, literal(word, VARCHAR), literal(start, BIGINT),
                        literal(length, BIGINT)), allocator);
                int from = (int) Math.max(start, 1);
                int to = (int) Math.min(start + length, word.length() + 1);
                assertEquals(to <= from ? "" : word.substring(from - 1, to - 1), actual, "start " + start + " length " + length);
            }
        }
        assertEquals("22011", assertThrows(ExecutionException.class, () -> evaluate(call(Function.SUBSTRING, VARCHAR,
                literal("abc", VARCHAR), literal(1L, BIGINT), literal(-1L, BIGINT)), allocator)).sqlState());
        assertEquals("xbcx", evaluate(call(Function.TRIM_BOTH, VARCHAR, literal("a", VARCHAR), literal("aaxbcxa", VARCHAR)), allocator));
        assertEquals("xbcxa", evaluate(call(Function.TRIM_LEADING, VARCHAR, literal("a", VARCHAR), literal("aaxbcxa", VARCHAR)), allocator));
        assertEquals("a-b-c", evaluate(call(Function.REPLACE, VARCHAR, literal("a, b, c", VARCHAR), literal(", ", VARCHAR),
                literal("-", VARCHAR)), allocator));
        assertEquals("ab12", evaluate(call(Function.CONCAT, VARCHAR, literal("ab", VARCHAR), literal(12L, BIGINT)), allocator));
        assertEquals(3L, evaluate(call(Function.OCTET_LENGTH, BIGINT, literal(new byte[] {0, -1, 7}, DataType.of(TypeKind.VARBINARY))), allocator));
    }

    @Test
    void upperAndLowerOfNonAsciiConstantsFollowJavaRootLocale() {
        for (String word : List.of("é", "ÀB", "straße", "日本語", "ǅ")) {
            int length = word.codePointCount(0, word.length());
            DataType fixed = new DataType(TypeKind.CHAR, length, 0, true, List.of(), List.of());
            for (DataType type : List.of(VARCHAR, DataType.varchar(length), fixed)) {
                assertEquals(word.toUpperCase(java.util.Locale.ROOT), evaluate(call(Function.UPPER, VARCHAR, literal(word, type)), allocator));
                assertEquals(word.toLowerCase(java.util.Locale.ROOT), evaluate(call(Function.LOWER, VARCHAR, literal(word, type)), allocator));
            }
        }
    }

    @Test
    void dateArithmeticClampsToMonthEnd() {
        DataType months = DataType.of(TypeKind.INTERVAL_YEAR_MONTH);
        DataType millis = DataType.of(TypeKind.INTERVAL_DAY_TIME);
        List<LocalDate> dates = List.of(LocalDate.of(2024, 1, 31), LocalDate.of(1999, 12, 31), LocalDate.of(1970, 1, 1),
                LocalDate.of(1969, 3, 30), LocalDate.of(2023, 2, 28));
        RowSchema schema = BatchFixtures.schema(DATE);
        List<List<Object>> rows = column(dates.stream().map(d -> (int) d.toEpochDay()).toList());
        for (long offset : new long[] {1, -1, 13, -25}) {
            List<Object> plusMonths = evaluate(call(Function.ADD, DATE, ref(0, DATE), literal(offset, months)), schema, rows, allocator);
            List<Object> minusDays = evaluate(call(Function.SUBTRACT, DATE, ref(0, DATE), literal(offset * 86_400_000L, millis)), schema, rows, allocator);
            for (int r = 0; r < dates.size(); r++) {
                assertEquals((int) dates.get(r).plusMonths(offset).toEpochDay(), plusMonths.get(r));
                assertEquals((int) dates.get(r).minusDays(offset).toEpochDay(), minusDays.get(r));
            }
        }
        Expression difference = call(Function.SUBTRACT, DataType.INTEGER, literal((int) dates.get(0).toEpochDay(), DATE),
                literal((int) dates.get(1).toEpochDay(), DATE));
        assertEquals(dates.get(0).toEpochDay() - dates.get(1).toEpochDay(), evaluate(difference, allocator));
    }

    @Test
    void extractMatchesJavaTime() {
        List<Object> days = new ArrayList<>();
        for (LocalDate d = LocalDate.of(1899, 12, 25); d.isBefore(LocalDate.of(1900, 3, 5)); d = d.plusDays(3)) {
            days.add((int) d.toEpochDay());
        }
        for (LocalDate d = LocalDate.of(1995, 12, 20); d.isBefore(LocalDate.of(2001, 3, 5)); d = d.plusDays(37)) {
            days.add((int) d.toEpochDay());
        }
        RowSchema schema = BatchFixtures.schema(DATE);
        List<List<Object>> rows = column(days);
        for (String unit : List.of("YEAR", "QUARTER", "MONTH", "WEEK", "DAY", "DOW", "ISODOW", "DOY")) {
            List<Object> actual = evaluate(call(Function.EXTRACT, BIGINT, literal(unit, VARCHAR), ref(0, DATE)), schema, rows, allocator);
            for (int r = 0; r < days.size(); r++) {
                LocalDate date = LocalDate.ofEpochDay((Integer) days.get(r));
                long expected = switch (unit) {
                    case "YEAR" -> date.getYear();
                    case "QUARTER" -> date.get(IsoFields.QUARTER_OF_YEAR);
                    case "MONTH" -> date.getMonthValue();
                    case "WEEK" -> date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
                    case "DAY" -> date.getDayOfMonth();
                    case "DOW" -> date.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : date.getDayOfWeek().getValue();
                    case "ISODOW" -> date.getDayOfWeek().getValue();
                    default -> date.getDayOfYear();
                };
                assertEquals(expected, actual.get(r), unit + " of " + date);
            }
        }
    }

    @Test
    void extractTimeFieldsFromTimestamps() {
        List<LocalDateTime> times = List.of(LocalDateTime.of(1969, 12, 31, 23, 59, 58, 123_456_000),
                LocalDateTime.of(2024, 2, 29, 0, 0), LocalDateTime.of(1998, 9, 2, 13, 7, 45, 1000));
        List<Object> micros = times.stream().map(t -> (Object) (t.toEpochSecond(ZoneOffset.UTC) * 1_000_000 + t.getNano() / 1000)).toList();
        RowSchema schema = BatchFixtures.schema(DataType.TIMESTAMP);
        for (String unit : List.of("HOUR", "MINUTE", "SECOND", "MILLISECOND", "MICROSECOND", "NANOSECOND", "EPOCH", "YEAR", "DAY")) {
            List<Object> actual = evaluate(call(Function.EXTRACT, BIGINT, literal(unit, VARCHAR), ref(0, DataType.TIMESTAMP)),
                    schema, column(micros), allocator);
            for (int r = 0; r < times.size(); r++) {
                LocalDateTime t = times.get(r);
                long expected = switch (unit) {
                    case "HOUR" -> t.getHour();
                    case "MINUTE" -> t.getMinute();
                    case "SECOND" -> t.getSecond();
                    case "MILLISECOND" -> t.getSecond() * 1000L + t.getNano() / 1_000_000;
                    case "MICROSECOND" -> t.getSecond() * 1_000_000L + t.getNano() / 1000;
                    case "NANOSECOND" -> t.getSecond() * 1_000_000_000L + t.getNano();
                    case "EPOCH" -> t.toEpochSecond(ZoneOffset.UTC);
                    case "YEAR" -> t.getYear();
                    default -> t.getDayOfMonth();
                };
                assertEquals(expected, actual.get(r), unit + " of " + t);
            }
        }
    }

    @Test
    void timestampsWithLocalTimeZoneUseTheSessionZone() {
        ZoneId zone = ZoneId.of("America/New_York");
        LocalDateTime local = LocalDateTime.of(2024, 7, 1, 22, 30, 15);
        long instant = local.atZone(zone).toInstant().toEpochMilli() * 1000;
        DataType tsltz = DataType.of(TypeKind.TIMESTAMP_WITH_LOCAL_TIME_ZONE);
        CompiledExpression hour = ExpressionCompiler.compile(call(Function.EXTRACT, BIGINT, literal("HOUR", VARCHAR), literal(instant, tsltz)), zone);
        CompiledExpression text = ExpressionCompiler.compile(call(Function.CAST, VARCHAR, literal(instant, tsltz)), zone);
        try (var batch = BatchFixtures.batch(BatchFixtures.schema(), List.of(List.of()), allocator);
             var hourVector = hour.evaluate(batch, allocator);
             var textVector = text.evaluate(batch, allocator)) {
            assertEquals((long) local.getHour(), BatchFixtures.values(hourVector, 1).get(0));
            assertEquals("2024-07-01 22:30:15", BatchFixtures.values(textVector, 1).get(0));
        }
        Expression utcHour = call(Function.EXTRACT, BIGINT, literal("HOUR", VARCHAR), literal(instant, tsltz));
        assertEquals((long) local.atZone(zone).withZoneSameInstant(ZoneOffset.UTC).get(ChronoField.HOUR_OF_DAY), evaluate(utcHour, allocator));
    }

    @Test
    void roundingFunctions() {
        DataType decimal = DataType.decimal(10, 3);
        for (String text : List.of("2.345", "-2.345", "0.005", "-0.004", "123.999")) {
            BigDecimal value = new BigDecimal(text);
            Expression x = literal(value, decimal);
            assertEquals(value.setScale(2, java.math.RoundingMode.HALF_UP).setScale(3),
                    evaluate(call(Function.ROUND, decimal, x, literal(2L, DataType.INTEGER)), allocator));
            assertEquals(value.setScale(1, java.math.RoundingMode.DOWN).setScale(3),
                    evaluate(call(Function.TRUNCATE, decimal, x, literal(1L, DataType.INTEGER)), allocator));
            assertEquals(value.setScale(0, java.math.RoundingMode.FLOOR),
                    evaluate(call(Function.FLOOR, DataType.decimal(10, 0), x), allocator));
            assertEquals(value.setScale(0, java.math.RoundingMode.CEILING),
                    evaluate(call(Function.CEIL, DataType.decimal(10, 0), x), allocator));
            double d = value.doubleValue();
            assertEquals(Math.signum(d), evaluate(call(Function.SIGN, DataType.DOUBLE, literal(d, DataType.DOUBLE)), allocator));
        }
        assertEquals(-3.0, evaluate(call(Function.ROUND, DataType.DOUBLE, literal(-2.5, DataType.DOUBLE)), allocator));
        assertEquals(1250L, evaluate(call(Function.ROUND, BIGINT, literal(1245L, BIGINT), literal(-1L, DataType.INTEGER)), allocator));
        assertEquals("2201F", assertThrows(ExecutionException.class,
                () -> evaluate(call(Function.SQRT, DataType.DOUBLE, literal(-1.0, DataType.DOUBLE)), allocator)).sqlState());
        assertEquals(Math.pow(2, 10), evaluate(call(Function.POWER, DataType.DOUBLE, literal(2L, BIGINT), literal(10L, BIGINT)), allocator));
    }
}
