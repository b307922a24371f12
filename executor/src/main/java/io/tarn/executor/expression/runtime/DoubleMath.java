package io.tarn.executor.expression.runtime;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * DOUBLE/REAL arithmetic for generated code. Division and modulo by zero raise 22012 for doubles too, following the
 * SQL standard and PostgreSQL rather than IEEE infinities, so every numeric type behaves alike.
 */
public final class DoubleMath {
    private DoubleMath() {
    }

    public static double divide(double a, double b) {
        if (b == 0) {
            throw Errors.divisionByZero();
        }
        return a / b;
    }

    public static double modulo(double a, double b) {
        if (b == 0) {
            throw Errors.divisionByZero();
        }
        return a % b;
    }

    /** SQL order: -0.0 equals 0.0; NaN is greater than everything and equal to itself. */
    public static int compare(double a, double b) {
        if (a < b) {
            return -1;
        }
        if (a > b) {
            return 1;
        }
        return a == b ? 0 : Boolean.compare(Double.isNaN(a), Double.isNaN(b));
    }

    /** Rounds half away from zero to an integer in {@code [min, max]}; NaN and out-of-range values raise 22003. */
    public static long toLong(double value, long min, long max, String type) {
        double rounded = roundHalfAwayFromZero(value);
        if (!(rounded >= (double) min && rounded < (double) max + 1.0)) {
            throw Errors.outOfRange(type);
        }
        return (long) rounded;
    }

    public static double round(double value, long digits) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        if (digits == 0) {
            return roundHalfAwayFromZero(value);
        }
        return BigDecimal.valueOf(value).setScale((int) Math.max(Math.min(digits, 400), -400), RoundingMode.HALF_UP).doubleValue();
    }

    public static double truncate(double value, long digits) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        if (digits == 0) {
            return value < 0 ? Math.ceil(value) : Math.floor(value);
        }
        return BigDecimal.valueOf(value).setScale((int) Math.max(Math.min(digits, 400), -400), RoundingMode.DOWN).doubleValue();
    }

    public static double sqrt(double value) {
        if (value < 0) {
            throw Errors.invalidArgument("2201F", "cannot take square root of a negative number");
        }
        return Math.sqrt(value);
    }

    public static double ln(double value) {
        checkLogarithmArgument(value);
        return Math.log(value);
    }

    public static double log10(double value) {
        checkLogarithmArgument(value);
        return Math.log10(value);
    }

    public static double exp(double value) {
        double result = Math.exp(value);
        if (Double.isInfinite(result) && !Double.isInfinite(value)) {
            throw Errors.outOfRange("DOUBLE");
        }
        return result;
    }

    public static double power(double base, double exponent) {
        if (base == 0 && exponent < 0) {
            throw Errors.invalidArgument("2201F", "zero raised to a negative power is undefined");
        }
        if (base < 0 && exponent != Math.rint(exponent)) {
            throw Errors.invalidArgument("2201F", "a negative number raised to a non-integer power yields a complex result");
        }
        return Math.pow(base, exponent);
    }

    private static void checkLogarithmArgument(double value) {
        if (value == 0) {
            throw Errors.invalidArgument("2201E", "cannot take logarithm of zero");
        }
        if (value < 0) {
            throw Errors.invalidArgument("2201E", "cannot take logarithm of a negative number");
        }
    }

    private static double roundHalfAwayFromZero(double value) {
        double floor = Math.floor(value);
        double fraction = value - floor;
        if (fraction > 0.5 || (fraction == 0.5 && value > 0)) {
            return floor + 1;
        }
        return floor;
    }
}
