package io.tarn.executor.expression.runtime;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The 128-bit integer operations against BigInteger, on random values and on the edges of the words and the range. */
class TestInt128 {
    private static final Random RANDOM = new Random(7);
    static final BigInteger MAX = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);
    static final BigInteger MIN = BigInteger.ONE.shiftLeft(127).negate();
    private static final BigInteger TEN_TO_38 = BigInteger.TEN.pow(38);

    /** Edge values: word boundaries, the long range, 10^38 - 1 and 10^38, the 128-bit range; both signs. */
    static List<BigInteger> edges() {
        List<BigInteger> magnitudes = new ArrayList<>();
        for (String text : new String[] {"0", "1", "2", "9", "10", "4294967295", "4294967296", "999999999999999999",
                "1000000000000000000", "9223372036854775807", "9223372036854775808", "18446744073709551615",
                "18446744073709551616", "18446744073709551617", "99999999999999999999999999999999999999",
                "100000000000000000000000000000000000000", "85070591730234615865843651857942052864"}) {
            magnitudes.add(new BigInteger(text));
        }
        magnitudes.add(MAX);
        List<BigInteger> values = new ArrayList<>();
        for (BigInteger magnitude : magnitudes) {
            values.add(magnitude);
            values.add(magnitude.negate());
        }
        return values;
    }

    /** A random value with 1 to 38 digits (or sometimes up to 127 bits), either sign. */
    static BigInteger random() {
        BigInteger magnitude = RANDOM.nextInt(10) == 0
                ? new BigInteger(1 + RANDOM.nextInt(127), RANDOM)
                : new BigInteger(130, RANDOM).mod(BigInteger.TEN.pow(1 + RANDOM.nextInt(38)));
        return RANDOM.nextBoolean() ? magnitude.negate() : magnitude;
    }

    private static List<BigInteger> samples() {
        List<BigInteger> values = new ArrayList<>(edges());
        for (int i = 0; i < 300; i++) {
            values.add(random());
        }
        return values;
    }

    private static boolean fits(BigInteger value) {
        return value.compareTo(MIN) >= 0 && value.compareTo(MAX) <= 0;
    }

    @Test
    void convertsToAndFromBigInteger() {
        for (BigInteger value : samples()) {
            Int128 holder = Int128.valueOf(value);
            assertEquals(value, holder.toBigInteger());
            assertEquals(value.bitLength() < 64, holder.isLong(), value.toString());
            assertEquals(value.signum(), holder.signum());
            assertEquals(value.toString(), holder.toString());
        }
        assertEquals(MIN, Int128.valueOf(MIN).toBigInteger());
        assertThrows(ArithmeticException.class, () -> Int128.valueOf(MAX.add(BigInteger.ONE)));
        assertEquals(BigInteger.valueOf(-5), new Int128().set(-5L).toBigInteger());
    }

    @Test
    void sumsAndDifferencesCarryAndDetectOverflow() {
        List<BigInteger> values = samples();
        Int128 result = new Int128();
        for (BigInteger a : values) {
            for (int n = 0; n < 40; n++) {
                BigInteger b = values.get(RANDOM.nextInt(values.size()));
                Int128 x = Int128.valueOf(a);
                Int128 y = Int128.valueOf(b);
                BigInteger sum = a.add(b);
                assertEquals(fits(sum), result.setSum(x.high, x.low, y.high, y.low), a + " + " + b);
                if (fits(sum)) {
                    assertEquals(sum, result.toBigInteger(), a + " + " + b);
                }
                BigInteger difference = a.subtract(b);
                assertEquals(fits(difference), result.setDifference(x.high, x.low, y.high, y.low), a + " - " + b);
                if (fits(difference)) {
                    assertEquals(difference, result.toBigInteger(), a + " - " + b);
                }
            }
        }
        // the low word's carry and borrow
        Int128 allOnes = new Int128(0, -1L);
        assertEquals(true, result.setSum(allOnes.high, allOnes.low, 0, 1));
        assertEquals(new Int128(1, 0), result);
        assertEquals(true, result.setDifference(1, 0, 0, 1));
        assertEquals(allOnes, result);
        assertEquals(true, result.setSum(-1, 0, 0, 1)); // -2^64 + 1
        assertEquals(BigInteger.ONE.shiftLeft(64).negate().add(BigInteger.ONE), result.toBigInteger());
    }

    @Test
    void productsAreExactOrReportOverflow() {
        List<BigInteger> values = samples();
        Int128 result = new Int128();
        for (BigInteger a : values) {
            for (int n = 0; n < 40; n++) {
                BigInteger b = values.get(RANDOM.nextInt(values.size()));
                Int128 x = Int128.valueOf(a);
                Int128 y = Int128.valueOf(b);
                BigInteger product = a.multiply(b);
                // -2^127 itself may be reported as an overflow: no DECIMAL reaches it
                boolean fits = product.abs().compareTo(MAX) <= 0;
                assertEquals(fits, result.setProduct(x.high, x.low, y.high, y.low), a + " * " + b);
                if (fits) {
                    assertEquals(product, result.toBigInteger(), a + " * " + b);
                }
            }
        }
        // two negative longs whose product needs 127 bits
        assertEquals(true, result.setProduct(-1, Long.MIN_VALUE, -1, Long.MIN_VALUE));
        assertEquals(BigInteger.ONE.shiftLeft(126), result.toBigInteger());
        assertEquals(true, result.setProduct(-1, -Long.MAX_VALUE, -1, -Long.MAX_VALUE));
        assertEquals(BigInteger.valueOf(Long.MAX_VALUE).pow(2), result.toBigInteger());
    }

    @Test
    void scalesUpByPowersOfTen() {
        Int128 result = new Int128();
        for (BigInteger value : samples()) {
            int n = RANDOM.nextInt(42);
            Int128 x = Int128.valueOf(value);
            BigInteger scaled = value.multiply(BigInteger.TEN.pow(n));
            boolean fits = scaled.abs().compareTo(MAX) <= 0;
            assertEquals(fits, result.setScaledUp(x.high, x.low, n), value + " * 10^" + n);
            if (fits) {
                assertEquals(scaled, result.toBigInteger());
            }
        }
    }

    @Test
    void dividesByPowersOfTenInEveryRoundingMode() {
        Int128 result = new Int128();
        List<BigInteger> values = samples();
        values.add(MIN.add(BigInteger.ONE));
        for (BigInteger value : values) {
            for (int n : new int[] {0, 1, 2, 9, 10, 17, 18, 19, 20, 27, 37, 38, 39, 45, RANDOM.nextInt(40)}) {
                for (RoundingMode mode : new RoundingMode[] {RoundingMode.HALF_UP, RoundingMode.DOWN, RoundingMode.FLOOR,
                        RoundingMode.CEILING}) {
                    Int128 x = Int128.valueOf(value);
                    BigInteger expected = new BigDecimal(value, n).setScale(0, mode).toBigIntegerExact();
                    assertEquals(expected, result.setQuotientByPowerOfTen(x.high, x.low, n, mode).toBigInteger(),
                            value + " / 10^" + n + " " + mode);
                }
            }
        }
    }

    @Test
    void countsDigits() {
        for (BigInteger value : samples()) {
            if (!fits(value)) {
                continue;
            }
            Int128 x = Int128.valueOf(value);
            for (int digits = 0; digits <= 38; digits++) {
                boolean expected = value.abs().compareTo(BigInteger.TEN.pow(digits)) < 0;
                assertEquals(expected, Int128.hasAtMostDigits(x.high, x.low, digits), value + " in " + digits + " digits");
            }
        }
        Int128 max = Int128.valueOf(TEN_TO_38.subtract(BigInteger.ONE));
        assertEquals(true, Int128.hasAtMostDigits(max.high, max.low, 38));
        Int128 over = Int128.valueOf(TEN_TO_38.negate());
        assertEquals(false, Int128.hasAtMostDigits(over.high, over.low, 38));
        assertEquals(false, Int128.hasAtMostDigits(Long.MIN_VALUE, 0, 38));
    }

    @Test
    void comparesAndNegates() {
        List<BigInteger> values = samples();
        for (BigInteger a : values) {
            BigInteger b = values.get(RANDOM.nextInt(values.size()));
            Int128 x = Int128.valueOf(a);
            Int128 y = Int128.valueOf(b);
            assertEquals(Integer.signum(a.compareTo(b)), Integer.signum(Int128.compare(x.high, x.low, y.high, y.low)), a + " vs " + b);
            assertEquals(a.negate(), new Int128().setNegation(x.high, x.low).toBigInteger());
        }
        for (int n = 0; n <= 38; n++) {
            assertEquals(BigInteger.TEN.pow(n), new Int128().setPowerOfTen(n).toBigInteger());
        }
    }
}
