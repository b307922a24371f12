package io.tarn.executor.expression.runtime;

/** Exact integer arithmetic for generated code: every TINYINT..BIGINT value travels as a long. */
public final class IntegerMath {
    private IntegerMath() {
    }

    public static long add(long a, long b) {
        long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) {
            throw Errors.outOfRange("BIGINT");
        }
        return r;
    }

    public static long subtract(long a, long b) {
        long r = a - b;
        if (((a ^ b) & (a ^ r)) < 0) {
            throw Errors.outOfRange("BIGINT");
        }
        return r;
    }

    public static long multiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        if ((high == 0 && low >= 0) || (high == -1 && low < 0)) {
            return low;
        }
        throw Errors.outOfRange("BIGINT");
    }

    /** SQL integer division truncates toward zero. */
    public static long divide(long a, long b) {
        if (b == 0) {
            throw Errors.divisionByZero();
        }
        if (a == Long.MIN_VALUE && b == -1) {
            throw Errors.outOfRange("BIGINT");
        }
        return a / b;
    }

    /** The remainder takes the dividend's sign, as in SQL. */
    public static long modulo(long a, long b) {
        if (b == 0) {
            throw Errors.divisionByZero();
        }
        return b == -1 ? 0 : a % b;
    }

    public static long negate(long a) {
        if (a == Long.MIN_VALUE) {
            throw Errors.outOfRange("BIGINT");
        }
        return -a;
    }

    public static long abs(long a) {
        if (a == Long.MIN_VALUE) {
            throw Errors.outOfRange("BIGINT");
        }
        return Math.abs(a);
    }

    /** {@code value} if it lies in {@code [min, max]}, else a 22003 error naming {@code type}. */
    public static long checkRange(long value, long min, long max, String type) {
        if (value < min || value > max) {
            throw Errors.outOfRange(type);
        }
        return value;
    }

    /** ROUND(value, digits): negative digits round to tens, hundreds, ... half away from zero. */
    public static long round(long value, long digits) {
        if (digits >= 0) {
            return value;
        }
        if (digits < -18) {
            return 0;
        }
        long unit = DecimalMath.POW10[(int) -digits];
        long quotient = value / unit;
        long remainder = value % unit;
        if (Math.abs(remainder) >= unit - Math.abs(remainder)) {
            quotient += Long.signum(value);
        }
        return multiply(quotient, unit);
    }

    /** TRUNCATE(value, digits): negative digits zero the last -digits digits. */
    public static long truncate(long value, long digits) {
        if (digits >= 0) {
            return value;
        }
        if (digits < -18) {
            return 0;
        }
        long unit = DecimalMath.POW10[(int) -digits];
        return value / unit * unit;
    }
}
