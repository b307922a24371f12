package io.tarn.executor.expression.runtime;

import org.apache.arrow.memory.util.MemoryUtil;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Exact arithmetic for generated code on DECIMAL(19..38) values held as unscaled {@link Int128}s, with the scales
 * known at compile time; operands may also be unscaled longs (integers and DECIMAL(p <= 18)). Each method writes its
 * result into the {@code result} holder and returns it (some use it as scratch space only). The semantics are
 * {@link DecimalMath}'s: results are rounded half away from zero to the result scale, and more digits than the result
 * precision raise 22003. Exact 128-bit integer arithmetic covers the common cases; a result that needs more than 128
 * bits on the way (or a division) is computed with BigDecimal instead, which decides the same way.
 */
public final class WideDecimalMath {
    private static final double[] POW10_DOUBLE = new double[23];

    static {
        for (int i = 0; i < POW10_DOUBLE.length; i++) {
            POW10_DOUBLE[i] = Double.parseDouble("1e" + i);
        }
    }

    private WideDecimalMath() {
    }

    /** Reads row {@code row} of a DECIMAL(19..38) vector's data, at {@code data}, into {@code result}. */
    public static Int128 read(Int128 result, long data, int row) {
        long at = data + ((long) row << 4);
        return result.set(MemoryUtil.getLong(at + 8), MemoryUtil.getLong(at));
    }

    /** Writes a value already at the vector's scale and within its precision into row {@code row} at {@code data}. */
    public static void write(long data, int row, Int128 value) {
        long at = data + ((long) row << 4);
        MemoryUtil.putLong(at, value.low);
        MemoryUtil.putLong(at + 8, value.high);
    }

    // ---- conversions

    /** {@code value} at {@code fromScale} rescaled to DECIMAL(precision, scale). */
    public static Int128 rescale(Int128 result, Int128 value, int fromScale, int scale, int precision) {
        return rescale(result, value.high, value.low, fromScale, scale, precision);
    }

    /** An unscaled long at {@code fromScale} (0 for integers) as DECIMAL(precision, scale). */
    public static Int128 rescale(Int128 result, long value, int fromScale, int scale, int precision) {
        return rescale(result, value >> 63, value, fromScale, scale, precision);
    }

    private static Int128 rescale(Int128 result, long high, long low, int fromScale, int scale, int precision) {
        if (scale < fromScale) {
            result.setQuotientByPowerOfTen(high, low, fromScale - scale, RoundingMode.HALF_UP);
        } else if (!result.setScaledUp(high, low, scale - fromScale)) {
            // past 2^127 is past 10^38, so past any precision
            throw outOfRange(scale, precision);
        }
        return checkPrecision(result, scale, precision);
    }

    /** A double rounded half away from zero to DECIMAL(precision, scale); NaN and infinities are out of range. */
    public static Int128 fromDouble(Int128 result, double value, int scale, int precision) {
        return fromBig(result, DecimalMath.bigFromDouble(value, scale, precision));
    }

    /** The double nearest to the value (as BigDecimal.doubleValue(), whose exact shortcut this repeats). */
    public static double toDouble(Int128 value, int scale) {
        long low = value.low;
        if (value.isLong() && low > -(1L << 52) && low < (1L << 52) && scale < POW10_DOUBLE.length) {
            return low / POW10_DOUBLE[scale];
        }
        return toBigDecimal(value.high, value.low, scale).doubleValue();
    }

    /** The integral part rounded half away from zero, checked against {@code [min, max]}; {@code scratch} is overwritten. */
    public static long toLong(Int128 scratch, Int128 value, int scale, long min, long max, String type) {
        scratch.setQuotientByPowerOfTen(value.high, value.low, scale, RoundingMode.HALF_UP);
        if (!scratch.isLong()) {
            throw Errors.outOfRange(type);
        }
        return IntegerMath.checkRange(scratch.low, min, max, type);
    }

    public static BigDecimal toBigDecimal(Int128 value, int scale) {
        return toBigDecimal(value.high, value.low, scale);
    }

    // ---- arithmetic: each operand as its (high, low) words; a long x is (x >> 63, x)

    public static Int128 add(Int128 result, long aHigh, long aLow, int aScale, long bHigh, long bLow, int bScale,
                              int scale, int precision) {
        // both operands at the finest of the three scales, added exactly, then rounded to the result scale
        int common = Math.max(scale, Math.max(aScale, bScale));
        if (result.setScaledUp(aHigh, aLow, common - aScale)) {
            long xHigh = result.high;
            long xLow = result.low;
            if (result.setScaledUp(bHigh, bLow, common - bScale) && result.setSum(xHigh, xLow, result.high, result.low)) {
                return roundAndCheck(result, common, scale, precision);
            }
        }
        return fromBig(result, DecimalMath.add(toBigDecimal(aHigh, aLow, aScale), toBigDecimal(bHigh, bLow, bScale), scale, precision));
    }

    public static Int128 subtract(Int128 result, long aHigh, long aLow, int aScale, long bHigh, long bLow, int bScale,
                                   int scale, int precision) {
        int common = Math.max(scale, Math.max(aScale, bScale));
        if (result.setScaledUp(aHigh, aLow, common - aScale)) {
            long xHigh = result.high;
            long xLow = result.low;
            if (result.setScaledUp(bHigh, bLow, common - bScale) && result.setDifference(xHigh, xLow, result.high, result.low)) {
                return roundAndCheck(result, common, scale, precision);
            }
        }
        return fromBig(result, DecimalMath.subtract(toBigDecimal(aHigh, aLow, aScale), toBigDecimal(bHigh, bLow, bScale), scale, precision));
    }

    public static Int128 multiply(Int128 result, long aHigh, long aLow, int aScale, long bHigh, long bLow, int bScale,
                                   int scale, int precision) {
        int productScale = aScale + bScale;
        if (result.setProduct(aHigh, aLow, bHigh, bLow)
                && (productScale >= scale || result.setScaledUp(result.high, result.low, scale - productScale))) {
            return roundAndCheck(result, Math.max(productScale, scale), scale, precision);
        }
        return fromBig(result, DecimalMath.multiply(toBigDecimal(aHigh, aLow, aScale), toBigDecimal(bHigh, bLow, bScale), scale, precision));
    }

    public static Int128 divide(Int128 result, long aHigh, long aLow, int aScale, long bHigh, long bLow, int bScale,
                                 int scale, int precision) {
        // two longs whose scaled-up dividend is still a long: DecimalMath's long division
        int shift = scale - aScale + bScale;
        if (aHigh == aLow >> 63 && bHigh == bLow >> 63 && bLow != 0 && bLow != Long.MIN_VALUE
                && shift >= 0 && shift < 19 && DecimalMath.fits(aLow, shift)) {
            return checkPrecision(result.set(DecimalMath.divideHalfUp(aLow * DecimalMath.POW10[shift], bLow)), scale, precision);
        }
        return fromBig(result, DecimalMath.divide(toBigDecimal(aHigh, aLow, aScale), toBigDecimal(bHigh, bLow, bScale), scale, precision));
    }

    public static Int128 modulo(Int128 result, long aHigh, long aLow, int aScale, long bHigh, long bLow, int bScale,
                                 int scale, int precision) {
        if (aHigh == aLow >> 63 && bHigh == bLow >> 63 && bLow != 0 && aScale == bScale) {
            // the remainder of two values at one scale is the remainder of their unscaled values, with the dividend's sign
            return rescale(result, aLow % bLow, aScale, scale, precision);
        }
        return fromBig(result, DecimalMath.modulo(toBigDecimal(aHigh, aLow, aScale), toBigDecimal(bHigh, bLow, bScale), scale, precision));
    }

    // ---- comparison (scratch is overwritten when the scales differ)

    public static int compare(Int128 scratch, Int128 a, int aScale, Int128 b, int bScale) {
        return compare(scratch, a.high, a.low, aScale, b.high, b.low, bScale);
    }

    public static int compare(Int128 scratch, Int128 a, int aScale, long b, int bScale) {
        return compare(scratch, a.high, a.low, aScale, b >> 63, b, bScale);
    }

    public static int compare(Int128 scratch, long a, int aScale, Int128 b, int bScale) {
        return compare(scratch, a >> 63, a, aScale, b.high, b.low, bScale);
    }

    private static int compare(Int128 scratch, long aHigh, long aLow, int aScale, long bHigh, long bLow, int bScale) {
        if (aScale == bScale) {
            return Int128.compare(aHigh, aLow, bHigh, bLow);
        }
        if (aScale < bScale) {
            if (scratch.setScaledUp(aHigh, aLow, bScale - aScale)) {
                return Int128.compare(scratch.high, scratch.low, bHigh, bLow);
            }
        } else if (scratch.setScaledUp(bHigh, bLow, aScale - bScale)) {
            return Int128.compare(aHigh, aLow, scratch.high, scratch.low);
        }
        return toBigDecimal(aHigh, aLow, aScale).compareTo(toBigDecimal(bHigh, bLow, bScale));
    }

    // ---- functions keeping the value's scale

    public static Int128 negate(Int128 result, Int128 value) {
        return result.setNegation(value.high, value.low);
    }

    public static Int128 abs(Int128 result, Int128 value) {
        return value.high < 0 ? result.setNegation(value.high, value.low) : result.set(value.high, value.low);
    }

    /** SIGN as an unscaled value of the same scale: -1, 0 or 1. */
    public static Int128 sign(Int128 result, Int128 value, int scale) {
        int signum = value.signum();
        if (signum == 0) {
            return result.set(0);
        }
        result.setPowerOfTen(scale);
        return signum < 0 ? result.setNegation(result.high, result.low) : result;
    }

    /** ROUND to {@code digits} decimals, keeping the value's scale. */
    public static Int128 round(Int128 result, Int128 value, int scale, long digits) {
        return dropDigits(result, value, scale, digits, RoundingMode.HALF_UP);
    }

    /** TRUNCATE to {@code digits} decimals, keeping the value's scale. */
    public static Int128 truncate(Int128 result, Int128 value, int scale, long digits) {
        return dropDigits(result, value, scale, digits, RoundingMode.DOWN);
    }

    /** FLOOR keeping the value's scale (the fraction digits become zero). */
    public static Int128 floor(Int128 result, Int128 value, int scale) {
        return dropDigits(result, value, scale, 0, RoundingMode.FLOOR);
    }

    public static Int128 ceil(Int128 result, Int128 value, int scale) {
        return dropDigits(result, value, scale, 0, RoundingMode.CEILING);
    }

    private static Int128 dropDigits(Int128 result, Int128 value, int scale, long digits, RoundingMode mode) {
        if (digits >= scale) {
            return result.set(value.high, value.low);
        }
        // |value| < 10^38: dropping more than 38 digits leaves 0 (or a unit below that once rounded away from zero)
        int drop = (int) Math.min(scale - Math.max(digits, -Int128.MAX_DIGITS - 1), Int128.MAX_DIGITS + 1);
        result.setQuotientByPowerOfTen(value.high, value.low, drop, mode);
        if (!result.setScaledUp(result.high, result.low, drop)) {
            throw outOfRange(scale, Int128.MAX_DIGITS);
        }
        return result;
    }

    // ---- helpers

    /** The value at {@code fromScale} rounded half away from zero to {@code scale}, checked against the precision. */
    private static Int128 roundAndCheck(Int128 value, int fromScale, int scale, int precision) {
        if (fromScale > scale) {
            value.setQuotientByPowerOfTen(value.high, value.low, fromScale - scale, RoundingMode.HALF_UP);
        }
        return checkPrecision(value, scale, precision);
    }

    private static Int128 checkPrecision(Int128 value, int scale, int precision) {
        if (!Int128.hasAtMostDigits(value.high, value.low, precision)) {
            throw outOfRange(scale, precision);
        }
        return value;
    }

    private static RuntimeException outOfRange(int scale, int precision) {
        return Errors.outOfRange("DECIMAL(" + precision + ", " + scale + ")");
    }

    private static Int128 fromBig(Int128 result, BigDecimal value) {
        return result.set(value.unscaledValue());
    }

    private static BigDecimal toBigDecimal(long high, long low, int scale) {
        return high == low >> 63 ? BigDecimal.valueOf(low, scale) : new BigDecimal(Int128.toBigInteger(high, low), scale);
    }
}
