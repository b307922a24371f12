package io.tarn.catalog;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * Orders two non-null values in Tarn's canonical Java form (see {@link io.tarn.catalog.type.Values}), as statistics and
 * pruning need. Numbers of different classes compare by value; strings by code point; byte arrays unsigned.
 */
public final class CanonicalOrder {
    private CanonicalOrder() {
    }

    /** Negative, zero or positive; throws IllegalArgumentException when the two values are not comparable. */
    public static int compare(Object left, Object right) {
        if (left instanceof Number a && right instanceof Number b) {
            return compareNumbers(a, b);
        }
        if (left instanceof String a && right instanceof String b) {
            return compareStrings(a, b);
        }
        if (left instanceof byte[] a && right instanceof byte[] b) {
            return Arrays.compareUnsigned(a, b);
        }
        if (left instanceof Boolean a && right instanceof Boolean b) {
            return Boolean.compare(a, b);
        }
        throw new IllegalArgumentException("cannot compare " + left.getClass().getSimpleName() + " with "
                + right.getClass().getSimpleName());
    }

    private static int compareNumbers(Number a, Number b) {
        if (isIntegral(a) && isIntegral(b)) {
            return Long.compare(a.longValue(), b.longValue());
        }
        if ((a instanceof Double || a instanceof Float) && (b instanceof Double || b instanceof Float)) {
            return Double.compare(a.doubleValue(), b.doubleValue());
        }
        return toBigDecimal(a).compareTo(toBigDecimal(b));
    }

    private static boolean isIntegral(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
    }

    private static BigDecimal toBigDecimal(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (isIntegral(n)) {
            return BigDecimal.valueOf(n.longValue());
        }
        double d = n.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("cannot compare " + d + " exactly");
        }
        return BigDecimal.valueOf(d);
    }

    /** Code point order, which is also the UTF-8 byte order Parquet and Iceberg statistics use. */
    private static int compareStrings(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
