package io.tarn.executor.expression.runtime;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Exact DECIMAL arithmetic for generated code. DECIMAL(p <= 18) values travel as unscaled longs with the scale known
 * at compile time (fast path, falling back to BigDecimal when an intermediate overflows); wider ones as {@link Int128}
 * ({@link WideDecimalMath}, whose own fallbacks are the BigDecimal operations here). Results are rounded half away
 * from zero to the result scale; more digits than the result precision raise 22003.
 */
public final class DecimalMath {
    static final long[] POW10 = new long[19];
    /** The largest factor whose product with {@code POW10[shift]} is a long: overflow checks without a division. */
    private static final long[] MAX_FACTOR = new long[19];
    private static final double[] POW10_DOUBLE = new double[39];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
        for (int i = 0; i < MAX_FACTOR.length; i++) {
            MAX_FACTOR[i] = Long.MAX_VALUE / POW10[i];
        }
        for (int i = 0; i < POW10_DOUBLE.length; i++) {
            POW10_DOUBLE[i] = Double.parseDouble("1e" + i);
        }
    }

    private DecimalMath() {
    }

    /** The unscaled value rescaled from {@code fromScale} to {@code toScale} and checked against {@code precision}. */
    public static long rescale(long value, int fromScale, int toScale, int precision) {
        return checkPrecision(rescaleUnchecked(value, fromScale, toScale, precision), precision, toScale);
    }

    /** The BigDecimal rescaled to {@code scale} and checked against {@code precision}. */
    static BigDecimal rescale(BigDecimal value, int scale, int precision) {
        BigDecimal result = value.setScale(scale, RoundingMode.HALF_UP);
        if (result.precision() > precision && result.signum() != 0) {
            throw Errors.outOfRange("DECIMAL(" + precision + ", " + scale + ")");
        }
        return result;
    }

    /** The unscaled long of a BigDecimal already checked to fit precision <= 18. */
    static long unscaled(BigDecimal value) {
        return value.unscaledValue().longValue();
    }

    static BigDecimal big(long unscaled, int scale) {
        return BigDecimal.valueOf(unscaled, scale);
    }

    public static long checkPrecision(long value, int precision, int scale) {
        if (precision < 19 && (value >= POW10[precision] || value <= -POW10[precision])) {
            throw Errors.outOfRange("DECIMAL(" + precision + ", " + scale + ")");
        }
        return value;
    }

    public static long add(long a, int aScale, long b, int bScale, int scale, int precision) {
        int common = Math.max(aScale, bScale);
        if (common - aScale < 19 && common - bScale < 19) {
            long x = a * POW10[common - aScale];
            long y = b * POW10[common - bScale];
            long sum = x + y;
            if (fits(a, common - aScale) && fits(b, common - bScale) && ((x ^ sum) & (y ^ sum)) >= 0) {
                return rescale(sum, common, scale, precision);
            }
        }
        return unscaled(add(big(a, aScale), big(b, bScale), scale, precision));
    }

    static BigDecimal add(BigDecimal a, BigDecimal b, int scale, int precision) {
        return rescale(a.add(b), scale, precision);
    }

    public static long subtract(long a, int aScale, long b, int bScale, int scale, int precision) {
        if (b != Long.MIN_VALUE) {
            return add(a, aScale, -b, bScale, scale, precision);
        }
        return unscaled(subtract(big(a, aScale), big(b, bScale), scale, precision));
    }

    static BigDecimal subtract(BigDecimal a, BigDecimal b, int scale, int precision) {
        return rescale(a.subtract(b), scale, precision);
    }

    public static long multiply(long a, int aScale, long b, int bScale, int scale, int precision) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        if ((high == 0 && low >= 0) || (high == -1 && low < 0)) {
            return rescale(low, aScale + bScale, scale, precision);
        }
        return unscaled(multiply(big(a, aScale), big(b, bScale), scale, precision));
    }

    static BigDecimal multiply(BigDecimal a, BigDecimal b, int scale, int precision) {
        return rescale(a.multiply(b), scale, precision);
    }

    public static long divide(long a, int aScale, long b, int bScale, int scale, int precision) {
        if (b == 0) {
            throw Errors.divisionByZero();
        }
        int shift = scale - aScale + bScale;
        if (shift >= 0 && shift < 19 && b != Long.MIN_VALUE) {
            long numerator = a * POW10[shift];
            if (fits(a, shift)) {
                return checkPrecision(divideHalfUp(numerator, b), precision, scale);
            }
        }
        return unscaled(divide(big(a, aScale), big(b, bScale), scale, precision));
    }

    static BigDecimal divide(BigDecimal a, BigDecimal b, int scale, int precision) {
        if (b.signum() == 0) {
            throw Errors.divisionByZero();
        }
        return rescale(a.divide(b, scale, RoundingMode.HALF_UP), scale, precision);
    }

    public static long modulo(long a, int aScale, long b, int bScale, int scale, int precision) {
        return unscaled(modulo(big(a, aScale), big(b, bScale), scale, precision));
    }

    static BigDecimal modulo(BigDecimal a, BigDecimal b, int scale, int precision) {
        if (b.signum() == 0) {
            throw Errors.divisionByZero();
        }
        return rescale(a.remainder(b), scale, precision);
    }

    /** Compares two unscaled values of possibly different scales. */
    public static int compare(long a, int aScale, long b, int bScale) {
        if (aScale == bScale) {
            return Long.compare(a, b);
        }
        int common = Math.max(aScale, bScale);
        if (common - aScale < 19 && common - bScale < 19) {
            long x = a * POW10[common - aScale];
            long y = b * POW10[common - bScale];
            if (fits(a, common - aScale) && fits(b, common - bScale)) {
                return Long.compare(x, y);
            }
        }
        return big(a, aScale).compareTo(big(b, bScale));
    }

    /** An integer as DECIMAL(precision, scale). */
    public static long fromLong(long value, int scale, int precision) {
        return rescale(value, 0, scale, precision);
    }

    /** A double rounded half away from zero to DECIMAL(precision, scale); NaN and infinities are out of range. */
    public static long fromDouble(double value, int scale, int precision) {
        return unscaled(bigFromDouble(value, scale, precision));
    }

    static BigDecimal bigFromDouble(double value, int scale, int precision) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw Errors.outOfRange("DECIMAL(" + precision + ", " + scale + ")");
        }
        return rescale(BigDecimal.valueOf(value), scale, precision);
    }

    public static double toDouble(long unscaled, int scale) {
        return unscaled / POW10_DOUBLE[scale];
    }

    /** The integral part rounded half away from zero, checked against {@code [min, max]}. */
    public static long toLong(long unscaled, int scale, long min, long max, String type) {
        return IntegerMath.checkRange(rescaleUnchecked(unscaled, scale, 0, 19), min, max, type);
    }

    static long toLong(BigDecimal value, long min, long max, String type) {
        BigInteger integral = value.setScale(0, RoundingMode.HALF_UP).unscaledValue();
        if (integral.bitLength() > 63) {
            throw Errors.outOfRange(type);
        }
        return IntegerMath.checkRange(integral.longValue(), min, max, type);
    }

    /** ROUND to {@code digits} decimals, keeping the value's scale. */
    public static long round(long unscaled, int scale, long digits) {
        if (digits >= scale) {
            return unscaled;
        }
        long drop = scale - digits;
        if (drop > 18) {
            return 0;
        }
        long unit = POW10[(int) drop];
        long quotient = unscaled / unit;
        long remainder = unscaled % unit;
        if (Math.abs(remainder) >= unit - Math.abs(remainder)) {
            quotient += Long.signum(unscaled);
        }
        return IntegerMath.multiply(quotient, unit);
    }

    /** TRUNCATE to {@code digits} decimals, keeping the value's scale. */
    public static long truncate(long unscaled, int scale, long digits) {
        if (digits >= scale) {
            return unscaled;
        }
        long drop = scale - digits;
        if (drop > 18) {
            return 0;
        }
        long unit = POW10[(int) drop];
        return unscaled / unit * unit;
    }

    /** FLOOR keeping the value's scale (the fraction digits become zero). */
    public static long floor(long unscaled, int scale) {
        long unit = POW10[scale];
        return Math.floorDiv(unscaled, unit) * unit;
    }

    public static long ceil(long unscaled, int scale) {
        long unit = POW10[scale];
        return -Math.floorDiv(-unscaled, unit) * unit;
    }

    /** SIGN as an unscaled value of the same scale: -1, 0 or 1. */
    public static long sign(long unscaled, int scale) {
        return Long.signum(unscaled) * POW10[scale];
    }

    public static long abs(long unscaled) {
        return IntegerMath.abs(unscaled);
    }

    private static long rescaleUnchecked(long value, int fromScale, int toScale, int precision) {
        if (toScale == fromScale) {
            return value;
        }
        if (toScale > fromScale) {
            int shift = toScale - fromScale;
            if (shift < 19) {
                long result = value * POW10[shift];
                if (fits(value, shift)) {
                    return result;
                }
            }
            throw Errors.outOfRange("DECIMAL(" + precision + ", " + toScale + ")");
        }
        int drop = fromScale - toScale;
        return drop > 18 ? 0 : divideHalfUp(value, POW10[drop]);
    }

    /**
     * Whether {@code factor * 10^shift} does not overflow. The bound is symmetric for {@code shift > 0}: as 10^shift
     * does not divide 2^63, {@code (MAX_FACTOR[shift] + 1) * 10^shift} passes 2^63 rather than reaching it.
     */
    static boolean fits(long factor, int shift) {
        return shift == 0 || factor <= MAX_FACTOR[shift] && factor >= -MAX_FACTOR[shift];
    }

    static long divideHalfUp(long numerator, long divisor) {
        long quotient = numerator / divisor;
        long remainder = numerator % divisor;
        long absRemainder = Math.abs(remainder);
        if (absRemainder >= Math.abs(divisor) - absRemainder) {
            quotient += (numerator < 0) == (divisor < 0) ? 1 : -1;
        }
        return quotient;
    }
}
