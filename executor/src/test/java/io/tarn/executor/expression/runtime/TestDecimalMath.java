package io.tarn.executor.expression.runtime;

import io.tarn.executor.ExecutionException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

class TestDecimalMath {
    private static final Random RANDOM = new Random(42);

    /** Random unscaled values from tiny to near the long range, so both the long and the fallback paths run. */
    private static long randomUnscaled() {
        int digits = 1 + RANDOM.nextInt(18);
        long bound = (long) Math.pow(10, digits);
        long value = Math.floorMod(RANDOM.nextLong(), bound);
        return RANDOM.nextBoolean() ? -value : value;
    }

    private interface LongOperation {
        long apply(long a, int aScale, long b, int bScale, int scale, int precision);
    }

    private interface ExactOperation {
        BigDecimal apply(BigDecimal a, BigDecimal b, int scale);
    }

    private static void check(String name, LongOperation operation, ExactOperation exact) {
        for (int n = 0; n < 20_000; n++) {
            int aScale = RANDOM.nextInt(7);
            int bScale = RANDOM.nextInt(7);
            int scale = RANDOM.nextInt(9);
            int precision = 18;
            long a = randomUnscaled();
            long b = randomUnscaled();
            BigDecimal x = BigDecimal.valueOf(a, aScale);
            BigDecimal y = BigDecimal.valueOf(b, bScale);
            BigDecimal expected;
            try {
                expected = exact.apply(x, y, scale);
            } catch (ArithmeticException e) {
                expected = null;
            }
            boolean fits = expected != null && expected.unscaledValue().abs().compareTo(BigDecimal.TEN.pow(precision).toBigInteger()) < 0;
            try {
                long actual = operation.apply(a, aScale, b, bScale, scale, precision);
                if (!fits) {
                    fail(name + " of " + x + " and " + y + " should not fit, got " + actual);
                }
                assertEquals(expected, BigDecimal.valueOf(actual, scale), name + " of " + x + " and " + y + " at scale " + scale);
            } catch (ExecutionException e) {
                String expectedState = expected == null ? "22012" : "22003";
                assertEquals(expectedState, e.sqlState(), name + " of " + x + " and " + y + ": " + e.getMessage());
            }
        }
    }

    @Test
    void longArithmeticMatchesBigDecimal() {
        check("add", DecimalMath::add, (x, y, s) -> x.add(y).setScale(s, RoundingMode.HALF_UP));
        check("subtract", DecimalMath::subtract, (x, y, s) -> x.subtract(y).setScale(s, RoundingMode.HALF_UP));
        check("multiply", DecimalMath::multiply, (x, y, s) -> x.multiply(y).setScale(s, RoundingMode.HALF_UP));
        check("divide", DecimalMath::divide, (x, y, s) -> x.divide(y, s, RoundingMode.HALF_UP));
        check("modulo", DecimalMath::modulo, (x, y, s) -> x.remainder(y).setScale(s, RoundingMode.HALF_UP));
    }

    @Test
    void comparisonAndRescaleMatchBigDecimal() {
        for (int n = 0; n < 20_000; n++) {
            int aScale = RANDOM.nextInt(19);
            int bScale = RANDOM.nextInt(19);
            long a = randomUnscaled();
            long b = RANDOM.nextInt(4) == 0 ? a : randomUnscaled();
            assertEquals(Integer.signum(BigDecimal.valueOf(a, aScale).compareTo(BigDecimal.valueOf(b, bScale))),
                    Integer.signum(DecimalMath.compare(a, aScale, b, bScale)));
            int target = RANDOM.nextInt(8);
            BigDecimal expected = BigDecimal.valueOf(a, aScale).setScale(target, RoundingMode.HALF_UP);
            if (expected.precision() <= 18 || expected.signum() == 0) {
                assertEquals(expected, BigDecimal.valueOf(DecimalMath.rescale(a, aScale, target, 18), target));
            }
        }
    }

    /** Scaling up by 10^shift right at the long range's edge: in range is exact, one past it is 22003. */
    @Test
    void rescaleDetectsOverflowAtTheLongBoundary() {
        BigDecimal max = BigDecimal.valueOf(Long.MAX_VALUE);
        BigDecimal min = BigDecimal.valueOf(Long.MIN_VALUE);
        for (int shift = 0; shift < 19; shift++) {
            long edge = Long.MAX_VALUE / DecimalMath.POW10[shift];
            for (long value : new long[] {edge, edge + 1, edge - 1, -edge, -edge - 1, -edge + 1, Long.MIN_VALUE,
                    Long.MAX_VALUE, 0, 1, -1}) {
                BigDecimal exact = BigDecimal.valueOf(value).movePointRight(shift);
                boolean inRange = exact.compareTo(max) <= 0 && exact.compareTo(min) >= 0;
                try {
                    long actual = DecimalMath.rescale(value, 0, shift, 19);
                    assertEquals(exact, BigDecimal.valueOf(actual), value + " * 10^" + shift);
                    if (!inRange) {
                        fail(value + " * 10^" + shift + " should overflow, got " + actual);
                    }
                } catch (ExecutionException e) {
                    assertEquals("22003", e.sqlState());
                    assertEquals(false, inRange, value + " * 10^" + shift + " is in range");
                }
                if (shift > 0 && value != Long.MIN_VALUE) {
                    // add and compare scale one operand up by shift; they fall back to BigDecimal when it overflows
                    BigDecimal a = BigDecimal.valueOf(value, shift);
                    assertEquals(Integer.signum(a.compareTo(BigDecimal.valueOf(value))),
                            Integer.signum(DecimalMath.compare(value, shift, value, 0)));
                    BigDecimal sum = a.add(BigDecimal.valueOf(1, 0)).setScale(shift);
                    if (sum.precision() <= 18) {
                        assertEquals(sum, BigDecimal.valueOf(DecimalMath.add(value, shift, 1, 0, shift, 18), shift));
                    }
                }
            }
        }
    }

    @Test
    void roundingKeepsScaleAndGoesAwayFromZero() {
        for (int n = 0; n < 5_000; n++) {
            long a = randomUnscaled();
            int scale = RANDOM.nextInt(6);
            int digits = RANDOM.nextInt(9) - 3;
            BigDecimal value = BigDecimal.valueOf(a, scale);
            assertEquals(value.setScale(Math.min(digits, scale), RoundingMode.HALF_UP).setScale(scale),
                    BigDecimal.valueOf(DecimalMath.round(a, scale, digits), scale), value + " to " + digits);
            assertEquals(value.setScale(Math.min(digits, scale), RoundingMode.DOWN).setScale(scale),
                    BigDecimal.valueOf(DecimalMath.truncate(a, scale, digits), scale), value + " to " + digits);
        }
    }
}
