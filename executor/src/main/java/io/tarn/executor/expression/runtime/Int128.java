package io.tarn.executor.expression.runtime;

import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * A mutable 128-bit two's complement integer: how generated code holds the unscaled value of a DECIMAL(19..38)
 * (|value| < 10^38 < 2^127), the same layout as an Arrow DecimalVector slot. Each expression node producing such a
 * value gets its own holder, a local of the generated method allocated once per batch, and overwrites it on every
 * row instead of allocating a value per row. Runtime methods write only the holder passed as their {@code result}
 * (and return it), never an operand, so a node's value stays valid until the node runs again on the next row.
 *
 * <p>The {@code set...} operations take their operands as (high, low) words, so the result may be an operand's own
 * holder; those returning a boolean report false when the exact result does not fit in 127 bits plus sign (the holder
 * is then unspecified), and callers fall back to BigDecimal.
 */
public final class Int128 {
    /** Digits of the largest DECIMAL precision: 10^38 < 2^127, so every such value fits with room to spare. */
    public static final int MAX_DIGITS = 38;
    private static final long[] POW10_HIGH = new long[MAX_DIGITS + 1];
    private static final long[] POW10_LOW = new long[MAX_DIGITS + 1];
    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    static {
        for (int n = 0; n <= MAX_DIGITS; n++) {
            BigInteger power = BigInteger.TEN.pow(n);
            POW10_HIGH[n] = power.shiftRight(64).longValue();
            POW10_LOW[n] = power.longValue();
        }
    }

    public long high;
    public long low;

    public Int128() {
    }

    public Int128(long high, long low) {
        this.high = high;
        this.low = low;
    }

    public static Int128 valueOf(BigInteger value) {
        return new Int128().set(value);
    }

    public Int128 set(long high, long low) {
        this.high = high;
        this.low = low;
        return this;
    }

    public Int128 set(long value) {
        return set(value >> 63, value);
    }

    /** Sets a value that fits in 127 bits plus sign (throws ArithmeticException otherwise). */
    public Int128 set(BigInteger value) {
        if (value.bitLength() > 127) {
            throw new ArithmeticException("more than 128 bits: " + value);
        }
        return set(value.shiftRight(64).longValue(), value.longValue());
    }

    /** 10^n, for n in [0, 38]. */
    public Int128 setPowerOfTen(int n) {
        return set(POW10_HIGH[n], POW10_LOW[n]);
    }

    /** Whether the value is the sign extension of its low word, i.e. fits in a long. */
    public boolean isLong() {
        return high == low >> 63;
    }

    public int signum() {
        return high < 0 ? -1 : (high | low) == 0 ? 0 : 1;
    }

    public BigInteger toBigInteger() {
        return toBigInteger(high, low);
    }

    public static BigInteger toBigInteger(long high, long low) {
        if (high == low >> 63) {
            return BigInteger.valueOf(low);
        }
        BigInteger lowWord = BigInteger.valueOf(low);
        if (low < 0) {
            lowWord = lowWord.add(TWO_TO_64);
        }
        return BigInteger.valueOf(high).shiftLeft(64).add(lowWord);
    }

    public static int compare(long aHigh, long aLow, long bHigh, long bLow) {
        int byHigh = Long.compare(aHigh, bHigh);
        return byHigh != 0 ? byHigh : Long.compareUnsigned(aLow, bLow);
    }

    /** Whether |value| < 10^digits (digits in [0, 38]): the value fits DECIMAL(digits, s) unscaled. */
    public static boolean hasAtMostDigits(long high, long low, int digits) {
        if (high == low >> 63 && digits >= 19) {
            return true; // every long is below 10^19
        }
        if (high < 0) {
            low = -low;
            high = ~high + (low == 0 ? 1 : 0);
        }
        int byHigh = Long.compareUnsigned(high, POW10_HIGH[digits]);
        return byHigh < 0 || byHigh == 0 && Long.compareUnsigned(low, POW10_LOW[digits]) < 0;
    }

    /** -value; exact for every value but -2^127, which no DECIMAL reaches. */
    public Int128 setNegation(long high, long low) {
        long negatedLow = -low;
        return set(~high + (negatedLow == 0 ? 1 : 0), negatedLow);
    }

    public boolean setSum(long aHigh, long aLow, long bHigh, long bLow) {
        long sumLow = aLow + bLow;
        long sumHigh = aHigh + bHigh + (Long.compareUnsigned(sumLow, aLow) < 0 ? 1 : 0);
        set(sumHigh, sumLow);
        // overflow iff both operands have the sign opposite to the result's
        return ((aHigh ^ sumHigh) & (bHigh ^ sumHigh)) >= 0;
    }

    public boolean setDifference(long aHigh, long aLow, long bHigh, long bLow) {
        long differenceLow = aLow - bLow;
        long differenceHigh = aHigh - bHigh - (Long.compareUnsigned(aLow, bLow) < 0 ? 1 : 0);
        set(differenceHigh, differenceLow);
        // overflow iff the operands' signs differ and the result's sign is not the minuend's
        return ((aHigh ^ bHigh) & (aHigh ^ differenceHigh)) >= 0;
    }

    public boolean setProduct(long aHigh, long aLow, long bHigh, long bLow) {
        if (aHigh == aLow >> 63 && bHigh == bLow >> 63) {
            // two longs: the exact product always fits (|product| <= 2^126)
            set(Math.multiplyHigh(aLow, bLow), aLow * bLow);
            return true;
        }
        boolean negative = (aHigh ^ bHigh) < 0;
        // multiply the magnitudes as unsigned numbers; one of them must fit in 64 bits for the product to fit
        if (aHigh < 0) {
            aLow = -aLow;
            aHigh = ~aHigh + (aLow == 0 ? 1 : 0);
        }
        if (bHigh < 0) {
            bLow = -bLow;
            bHigh = ~bHigh + (bLow == 0 ? 1 : 0);
        }
        if (aHigh != 0 && bHigh != 0) {
            return false;
        }
        long wideHigh = aHigh != 0 ? aHigh : bHigh;
        long wideLow = aHigh != 0 ? aLow : bLow;
        long factor = aHigh != 0 ? bLow : aLow;
        if (unsignedMultiplyHigh(wideHigh, factor) != 0) {
            return false;
        }
        long middle = wideHigh * factor;
        long productHigh = middle + unsignedMultiplyHigh(wideLow, factor);
        if (Long.compareUnsigned(productHigh, middle) < 0 || productHigh < 0) {
            return false;
        }
        long productLow = wideLow * factor;
        if (negative) {
            setNegation(productHigh, productLow);
        } else {
            set(productHigh, productLow);
        }
        return true;
    }

    /** value * 10^n. */
    public boolean setScaledUp(long high, long low, int n) {
        if (n == 0) {
            set(high, low);
            return true;
        }
        if (n > MAX_DIGITS) {
            set(0, 0);
            return (high | low) == 0;
        }
        return setProduct(high, low, POW10_HIGH[n], POW10_LOW[n]);
    }

    /**
     * value / 10^n rounded by {@code mode}: HALF_UP (half away from zero), DOWN (toward zero), FLOOR or CEILING. Exact
     * for any n >= 0 and any value but -2^127.
     */
    public Int128 setQuotientByPowerOfTen(long high, long low, int n, RoundingMode mode) {
        if (n == 0) {
            return set(high, low);
        }
        boolean negative = high < 0;
        if (negative) {
            low = -low;
            high = ~high + (low == 0 ? 1 : 0);
        }
        boolean awayFromZero = mode == RoundingMode.FLOOR && negative || mode == RoundingMode.CEILING && !negative;
        if (n > MAX_DIGITS) {
            // 10^n is more than twice any magnitude: only rounding away from zero leaves something
            return set(awayFromZero && (high | low) != 0 ? (negative ? -1 : 1) : 0);
        }
        // round by adding to the magnitude before dividing down: half the divisor, or the divisor minus one; the sum
        // of two numbers below 2^127 cannot pass 2^128
        long addHigh = 0;
        long addLow = 0;
        if (mode == RoundingMode.HALF_UP) {
            addHigh = POW10_HIGH[n] >>> 1;
            addLow = (POW10_LOW[n] >>> 1) | (POW10_HIGH[n] << 63);
        } else if (awayFromZero) {
            addHigh = POW10_HIGH[n];
            addLow = POW10_LOW[n] - 1; // never borrows: 2^64 does not divide 10^n for n < 64
        } else if (mode != RoundingMode.DOWN && mode != RoundingMode.FLOOR && mode != RoundingMode.CEILING) {
            throw new IllegalArgumentException("rounding mode " + mode);
        }
        long sumLow = low + addLow;
        set(high + addHigh + (Long.compareUnsigned(sumLow, low) < 0 ? 1 : 0), sumLow);
        divideUnsignedByPowerOfTen(n);
        return negative ? setNegation(this.high, this.low) : this;
    }

    /** this = this / 10^n (floor), this read as an unsigned 128-bit number. */
    private void divideUnsignedByPowerOfTen(int n) {
        while (n > 0) {
            if (high == 0 && n <= 18) {
                low = Long.divideUnsigned(low, POW10_LOW[n]);
                return;
            }
            // long division by a divisor below 2^30, 32 bits at a time: every partial dividend stays below 2^62
            int step = Math.min(n, 9);
            long divisor = POW10_LOW[step];
            long part = high >>> 32;
            long q3 = part / divisor;
            part = (part % divisor) << 32 | (high & 0xFFFFFFFFL);
            long q2 = part / divisor;
            part = (part % divisor) << 32 | (low >>> 32);
            long q1 = part / divisor;
            part = (part % divisor) << 32 | (low & 0xFFFFFFFFL);
            long q0 = part / divisor;
            high = q3 << 32 | q2;
            low = q1 << 32 | q0;
            n -= step;
        }
    }

    /** The high 64 bits of the unsigned 128-bit product (Math.unsignedMultiplyHigh arrived in Java 18). */
    private static long unsignedMultiplyHigh(long x, long y) {
        return Math.multiplyHigh(x, y) + ((x >> 63) & y) + ((y >> 63) & x);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Int128 that && that.high == high && that.low == low;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(high) * 31 + Long.hashCode(low);
    }

    @Override
    public String toString() {
        return toBigInteger().toString();
    }
}
