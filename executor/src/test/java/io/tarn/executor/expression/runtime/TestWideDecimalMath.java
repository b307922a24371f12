package io.tarn.executor.expression.runtime;

import io.tarn.executor.ExecutionException;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * DECIMAL(19..38) arithmetic on Int128 against the BigDecimal definition it replaced: the exact result rounded half
 * away from zero to the result scale, 22003 past the result precision, 22012 for a zero divisor.
 */
class TestWideDecimalMath {
    private static final Random RANDOM = new Random(11);
    private static final BigInteger TEN_TO_38 = BigInteger.TEN.pow(38);

    /** Operands below 10^38 in magnitude: random ones of every length plus the edges. */
    private static List<BigInteger> operands() {
        List<BigInteger> values = new ArrayList<>();
        for (BigInteger edge : TestInt128.edges()) {
            if (edge.abs().compareTo(TEN_TO_38) < 0) {
                values.add(edge);
            }
        }
        for (int i = 0; i < 400; i++) {
            BigInteger value = TestInt128.random();
            values.add(value.abs().compareTo(TEN_TO_38) < 0 ? value : value.mod(TEN_TO_38));
        }
        return values;
    }

    private static BigDecimal expected(String operation, BigDecimal x, BigDecimal y, int scale) {
        BigDecimal exact = switch (operation) {
            case "add" -> x.add(y);
            case "subtract" -> x.subtract(y);
            case "multiply" -> x.multiply(y);
            case "divide" -> y.signum() == 0 ? null : x.divide(y, scale, RoundingMode.HALF_UP);
            default -> y.signum() == 0 ? null : x.remainder(y);
        };
        return exact == null ? null : exact.setScale(scale, RoundingMode.HALF_UP);
    }

    private static void checkOperation(String operation, BigInteger a, int aScale, BigInteger b, int bScale, int scale,
                                       int precision) throws ReflectiveOperationException {
        Method method = WideDecimalMath.class.getMethod(operation, Int128.class, long.class, long.class, int.class,
                long.class, long.class, int.class, int.class, int.class);
        BigDecimal x = new BigDecimal(a, aScale);
        BigDecimal y = new BigDecimal(b, bScale);
        BigDecimal expected = expected(operation, x, y, scale);
        boolean fits = expected != null && expected.unscaledValue().abs().compareTo(BigInteger.TEN.pow(precision)) < 0;
        String description = operation + "(" + x + ", " + y + ") as DECIMAL(" + precision + ", " + scale + ")";
        try {
            Int128 x128 = Int128.valueOf(a);
            Int128 y128 = Int128.valueOf(b);
            Int128 result = (Int128) method.invoke(null, new Int128(), x128.high, x128.low, aScale, y128.high, y128.low,
                    bScale, scale, precision);
            if (!fits) {
                fail(description + " should fail, got " + result);
            }
            assertEquals(expected, new BigDecimal(result.toBigInteger(), scale), description);
        } catch (InvocationTargetException e) {
            if (!(e.getCause() instanceof ExecutionException error)) {
                throw new AssertionError(description, e.getCause());
            }
            assertEquals(expected == null ? "22012" : "22003", error.sqlState(), description + ": " + error.getMessage());
            if (expected != null) {
                assertEquals("value out of range for DECIMAL(" + precision + ", " + scale + ")", error.getMessage());
            }
        }
    }

    @Test
    void arithmeticMatchesBigDecimal() throws ReflectiveOperationException {
        List<BigInteger> values = operands();
        for (String operation : List.of("add", "subtract", "multiply", "divide", "modulo")) {
            for (int n = 0; n < 6_000; n++) {
                BigInteger a = values.get(RANDOM.nextInt(values.size()));
                BigInteger b = RANDOM.nextInt(20) == 0 ? BigInteger.ZERO : values.get(RANDOM.nextInt(values.size()));
                int aScale = RANDOM.nextInt(4) == 0 ? RANDOM.nextInt(39) : RANDOM.nextInt(7);
                int bScale = RANDOM.nextInt(4) == 0 ? RANDOM.nextInt(39) : RANDOM.nextInt(7);
                int precision = 19 + RANDOM.nextInt(20);
                int scale = RANDOM.nextInt(Math.min(precision, 14) + 1);
                checkOperation(operation, a, aScale, b, bScale, scale, precision);
            }
        }
    }

    @Test
    void edgesOfTheRange() throws ReflectiveOperationException {
        BigInteger max = TEN_TO_38.subtract(BigInteger.ONE);
        for (String operation : List.of("add", "subtract", "multiply")) {
            for (BigInteger a : List.of(max, max.negate(), BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE))) {
                for (BigInteger b : List.of(BigInteger.ONE, BigInteger.ONE.negate(), BigInteger.ZERO, BigInteger.TEN, max)) {
                    for (int bScale : new int[] {0, 1, 38}) {
                        checkOperation(operation, a, 0, b, bScale, 0, 38);
                        checkOperation(operation, a, 0, b, bScale, 2, 38);
                    }
                }
            }
        }
        Int128 result = new Int128();
        // 10^38 - 1 is the largest DECIMAL(38, 0); one more is out of range, in either direction
        assertEquals(Int128.valueOf(max), add(result, Int128.valueOf(max.subtract(BigInteger.ONE)), 0, 1L, 0, 0, 38));
        ExecutionException up = assertThrows(ExecutionException.class,
                () -> add(result, Int128.valueOf(max), 0, 1L, 0, 0, 38));
        assertEquals("22003", up.sqlState());
        Int128 min = Int128.valueOf(max.negate());
        ExecutionException down = assertThrows(ExecutionException.class,
                () -> WideDecimalMath.subtract(result, min.high, min.low, 0, 0L, 1L, 0, 0, 38));
        assertEquals("22003", down.sqlState());
        // a product of two negative longs needing 127 bits, in range of DECIMAL(38, 0)
        assertEquals(BigInteger.ONE.shiftLeft(126),
                WideDecimalMath.multiply(result, -1L, Long.MIN_VALUE, 0, -1L, Long.MIN_VALUE, 0, 0, 38).toBigInteger());
        // the same at scale 4 with a result rounded to scale 2
        assertEquals(new BigDecimal(BigInteger.ONE.shiftLeft(126), 4).setScale(2, RoundingMode.HALF_UP).unscaledValue(),
                WideDecimalMath.multiply(result, -1L, Long.MIN_VALUE, 2, -1L, Long.MIN_VALUE, 2, 2, 38).toBigInteger());
        // a product past 128 bits whose rounded result fits
        Int128 big = Int128.valueOf(BigInteger.TEN.pow(30));
        assertEquals(BigInteger.TEN.pow(30),
                WideDecimalMath.multiply(result, big.high, big.low, 15, big.high, big.low, 15, 0, 38).toBigInteger());
    }

    @Test
    void rescalesLikeACast() {
        List<BigInteger> values = operands();
        Int128 result = new Int128();
        for (int n = 0; n < 20_000; n++) {
            BigInteger value = values.get(RANDOM.nextInt(values.size()));
            int fromScale = RANDOM.nextInt(39);
            int precision = 1 + RANDOM.nextInt(38);
            int scale = RANDOM.nextInt(precision + 1);
            BigDecimal expected = new BigDecimal(value, fromScale).setScale(scale, RoundingMode.HALF_UP);
            boolean fits = expected.unscaledValue().abs().compareTo(BigInteger.TEN.pow(precision)) < 0;
            try {
                Int128 actual = value.bitLength() < 64 && RANDOM.nextBoolean()
                        ? WideDecimalMath.rescale(result, value.longValueExact(), fromScale, scale, precision)
                        : WideDecimalMath.rescale(result, Int128.valueOf(value), fromScale, scale, precision);
                assertEquals(true, fits, value + " at " + fromScale + " fits DECIMAL(" + precision + ", " + scale + ")");
                assertEquals(expected.unscaledValue(), actual.toBigInteger());
            } catch (ExecutionException e) {
                assertEquals(false, fits, value + " at " + fromScale + " to DECIMAL(" + precision + ", " + scale + ")");
                assertEquals("22003", e.sqlState());
            }
        }
    }

    @Test
    void comparesAcrossScalesAndRepresentations() {
        List<BigInteger> values = operands();
        Int128 scratch = new Int128();
        for (int n = 0; n < 20_000; n++) {
            BigInteger a = values.get(RANDOM.nextInt(values.size()));
            int aScale = RANDOM.nextInt(39);
            int bScale = RANDOM.nextInt(4) == 0 ? aScale : RANDOM.nextInt(39);
            // often the same number at another scale, so that ties happen
            BigInteger b = RANDOM.nextBoolean() && bScale >= aScale && a.abs().multiply(BigInteger.TEN.pow(bScale - aScale)).compareTo(TEN_TO_38) < 0
                    ? a.multiply(BigInteger.TEN.pow(bScale - aScale)) : values.get(RANDOM.nextInt(values.size()));
            int expected = new BigDecimal(a, aScale).compareTo(new BigDecimal(b, bScale));
            int actual = b.bitLength() < 64 && RANDOM.nextBoolean()
                    ? WideDecimalMath.compare(scratch, Int128.valueOf(a), aScale, b.longValueExact(), bScale)
                    : a.bitLength() < 64 && RANDOM.nextBoolean()
                    ? WideDecimalMath.compare(scratch, a.longValueExact(), aScale, Int128.valueOf(b), bScale)
                    : WideDecimalMath.compare(scratch, Int128.valueOf(a), aScale, Int128.valueOf(b), bScale);
            assertEquals(expected, Integer.signum(actual), a + "e-" + aScale + " vs " + b + "e-" + bScale);
        }
    }

    @Test
    void functionsKeepTheScale() {
        List<BigInteger> values = operands();
        Int128 result = new Int128();
        for (int n = 0; n < 10_000; n++) {
            BigInteger unscaled = values.get(RANDOM.nextInt(values.size()));
            int scale = RANDOM.nextInt(39);
            Int128 value = Int128.valueOf(unscaled);
            BigDecimal decimal = new BigDecimal(unscaled, scale);
            long digits = RANDOM.nextInt(8) == 0 ? (RANDOM.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE) : RANDOM.nextInt(90) - 45;
            int kept = (int) Math.max(Math.min(digits, scale), -100);
            assertEquals(decimal.setScale(kept, RoundingMode.HALF_UP).setScale(scale),
                    WideDecimalMath.toBigDecimal(WideDecimalMath.round(result, value, scale, digits), scale), "ROUND(" + decimal + ", " + digits + ")");
            assertEquals(decimal.setScale(kept, RoundingMode.DOWN).setScale(scale),
                    WideDecimalMath.toBigDecimal(WideDecimalMath.truncate(result, value, scale, digits), scale), "TRUNCATE(" + decimal + ", " + digits + ")");
            assertEquals(decimal.setScale(0, RoundingMode.FLOOR).setScale(scale),
                    WideDecimalMath.toBigDecimal(WideDecimalMath.floor(result, value, scale), scale), "FLOOR(" + decimal + ")");
            assertEquals(decimal.setScale(0, RoundingMode.CEILING).setScale(scale),
                    WideDecimalMath.toBigDecimal(WideDecimalMath.ceil(result, value, scale), scale), "CEIL(" + decimal + ")");
            assertEquals(BigDecimal.valueOf(decimal.signum()).setScale(scale),
                    WideDecimalMath.toBigDecimal(WideDecimalMath.sign(result, value, scale), scale));
            assertEquals(decimal.abs(), WideDecimalMath.toBigDecimal(WideDecimalMath.abs(result, value), scale));
            assertEquals(decimal.negate(), WideDecimalMath.toBigDecimal(WideDecimalMath.negate(result, value), scale));
        }
    }

    @Test
    void convertsToLongAndDouble() {
        List<BigInteger> values = operands();
        Int128 scratch = new Int128();
        for (int n = 0; n < 20_000; n++) {
            BigInteger unscaled = values.get(RANDOM.nextInt(values.size()));
            int scale = RANDOM.nextInt(39);
            BigDecimal decimal = new BigDecimal(unscaled, scale);
            Int128 value = Int128.valueOf(unscaled);
            assertEquals(decimal.doubleValue(), WideDecimalMath.toDouble(value, scale), decimal.toPlainString());
            BigInteger integral = decimal.setScale(0, RoundingMode.HALF_UP).toBigIntegerExact();
            boolean isInteger = integral.bitLength() < 32;
            try {
                long actual = WideDecimalMath.toLong(scratch, value, scale, Integer.MIN_VALUE, Integer.MAX_VALUE, "INTEGER");
                assertEquals(true, isInteger, decimal.toPlainString());
                assertEquals(integral.longValueExact(), actual, decimal.toPlainString());
            } catch (ExecutionException e) {
                assertEquals(false, isInteger, decimal.toPlainString());
                assertEquals("value out of range for INTEGER", e.getMessage());
            }
            boolean isBigint = integral.bitLength() < 64;
            try {
                long actual = WideDecimalMath.toLong(scratch, value, scale, Long.MIN_VALUE, Long.MAX_VALUE, "BIGINT");
                assertEquals(true, isBigint, decimal.toPlainString());
                assertEquals(integral.longValueExact(), actual, decimal.toPlainString());
            } catch (ExecutionException e) {
                assertEquals(false, isBigint, decimal.toPlainString());
            }
        }
        Int128 result = new Int128();
        for (double value : new double[] {0.0, -0.0, 0.1, -2.5, 1e20, -1.2345678901234567e31, 123.456e-5}) {
            assertEquals(DecimalMath.rescale(BigDecimal.valueOf(value), 6, 38),
                    WideDecimalMath.toBigDecimal(WideDecimalMath.fromDouble(result, value, 6, 38), 6), Double.toString(value));
        }
        for (double value : new double[] {1e38, Double.NaN, Double.NEGATIVE_INFINITY}) {
            assertEquals("22003", assertThrows(ExecutionException.class, () -> WideDecimalMath.fromDouble(result, value, 0, 38)).sqlState());
        }
    }

    @Test
    void convertsToAndFromText() {
        Int128 result = new Int128();
        for (BigInteger unscaled : operands()) {
            int scale = RANDOM.nextInt(39);
            BigDecimal decimal = new BigDecimal(unscaled, scale);
            byte[] text = Casts.decimalToText(Int128.valueOf(unscaled), scale);
            assertEquals(decimal.toPlainString(), new String(text, StandardCharsets.UTF_8));
            assertEquals(unscaled, Casts.parseDecimal(result, text, scale, 38).toBigInteger());
        }
        byte[] tooLong = "123456789012345678901234567890123456789".getBytes(StandardCharsets.UTF_8);
        assertEquals("22003", assertThrows(ExecutionException.class, () -> Casts.parseDecimal(result, tooLong, 0, 38)).sqlState());
        assertEquals("22018", assertThrows(ExecutionException.class,
                () -> Casts.parseDecimal(result, "12x".getBytes(StandardCharsets.UTF_8), 0, 38)).sqlState());
        assertEquals(new BigInteger("-1234567890123456789012345"),
                Casts.parseDecimal(result, " -12345678901234567890.12345 ".getBytes(StandardCharsets.UTF_8), 5, 25).toBigInteger());
    }

    /** Values on both sides of the long range and the DECIMAL(38) limit, written to a 128-bit slot and read back. */
    @Test
    void writesAndReadsVectorSlots() {
        try (BufferAllocator allocator = new RootAllocator(); ArrowBuf data = allocator.buffer(32)) {
            Int128 read = new Int128();
            for (BigInteger value : operands()) {
                WideDecimalMath.write(data.memoryAddress(), 1, Int128.valueOf(value));
                assertEquals(value, WideDecimalMath.read(read, data.memoryAddress(), 1).toBigInteger());
                // the Arrow layout: 16 bytes little-endian, as BigInteger's big-endian two's complement reversed
                byte[] bigEndian = value.toByteArray();
                for (int i = 0; i < 16; i++) {
                    byte expected = i < bigEndian.length ? bigEndian[bigEndian.length - 1 - i] : (byte) (value.signum() < 0 ? -1 : 0);
                    assertEquals(expected, data.getByte(16 + i), value + " byte " + i);
                }
            }
        }
    }

    /** {@code a + b} for an Int128 and a long operand, in the words WideDecimalMath takes. */
    private static Int128 add(Int128 result, Int128 a, int aScale, long b, int bScale, int scale, int precision) {
        return WideDecimalMath.add(result, a.high, a.low, aScale, b >> 63, b, bScale, scale, precision);
    }
}
