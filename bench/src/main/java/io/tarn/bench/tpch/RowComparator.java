package io.tarn.bench.tpch;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Decides whether two engines returned the same rows. Rows of an unordered query are sorted first (by value, so that
 * a DECIMAL on one side and a DOUBLE on the other sort alike). Values compare as follows: DOUBLEs within a relative
 * tolerance; DECIMALs exactly by value; a DECIMAL against a DOUBLE within the tolerance or half a unit of the
 * decimal's last digit, whichever is larger (one engine rounded to the declared scale, the other did not); anything
 * else by {@code equals}.
 */
public final class RowComparator {
    /** Summing doubles in another order changes the last bits; 1e-9 relative is far above that and far below an error. */
    public static final double RELATIVE_TOLERANCE = 1e-9;

    private static final Comparator<List<Object>> ROW_ORDER = RowComparator::compareRows;

    private RowComparator() {
    }

    /** The first difference between {@code expected} and {@code actual}, described for a report; empty if none. */
    public static Optional<String> firstDifference(List<List<Object>> expected, List<List<Object>> actual, boolean ordered) {
        requireNonNull(expected, "expected is null");
        requireNonNull(actual, "actual is null");
        if (expected.size() != actual.size()) {
            return Optional.of("row count " + actual.size() + ", expected " + expected.size());
        }
        List<List<Object>> left = ordered ? expected : sorted(expected);
        List<List<Object>> right = ordered ? actual : sorted(actual);
        for (int i = 0; i < left.size(); i++) {
            if (!sameRow(left.get(i), right.get(i))) {
                return Optional.of("row " + (i + 1) + ": " + right.get(i) + ", expected " + left.get(i));
            }
        }
        return Optional.empty();
    }

    private static List<List<Object>> sorted(List<List<Object>> rows) {
        List<List<Object>> copy = new ArrayList<>(rows);
        copy.sort(ROW_ORDER);
        return copy;
    }

    static boolean sameRow(List<Object> left, List<Object> right) {
        if (left.size() != right.size()) {
            return false;
        }
        for (int i = 0; i < left.size(); i++) {
            if (!sameValue(left.get(i), right.get(i))) {
                return false;
            }
        }
        return true;
    }

    public static boolean sameValue(Object left, Object right) {
        if (left == null || right == null) {
            return left == right;
        }
        if (left instanceof BigDecimal a && right instanceof BigDecimal b) {
            return a.compareTo(b) == 0;
        }
        if (left instanceof Double || right instanceof Double) {
            if (!(left instanceof Number a) || !(right instanceof Number b)) {
                return false;
            }
            return closeEnough(a.doubleValue(), b.doubleValue(), Math.max(halfUnit(left), halfUnit(right)));
        }
        return left.equals(right);
    }

    /** Half a unit in the last place of a decimal (0 for a double), the rounding an engine may apply to it. */
    private static double halfUnit(Object value) {
        return value instanceof BigDecimal decimal ? 0.5 * Math.pow(10, -decimal.scale()) : 0;
    }

    private static boolean closeEnough(double a, double b, double absoluteTolerance) {
        if (a == b || (Double.isNaN(a) && Double.isNaN(b))) {
            return true;
        }
        double difference = Math.abs(a - b);
        return difference <= absoluteTolerance || difference <= RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
    }

    private static int compareRows(List<Object> left, List<Object> right) {
        for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
            int order = compareValues(left.get(i), right.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(left.size(), right.size());
    }

    /** NULL first, numbers by value whatever their Java type, everything else by its text. */
    private static int compareValues(Object left, Object right) {
        if (left == null || right == null) {
            return left == null ? (right == null ? 0 : -1) : 1;
        }
        if (left instanceof Number a && right instanceof Number b) {
            if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
                return x.compareTo(y);
            }
            return Double.compare(a.doubleValue(), b.doubleValue());
        }
        return left.toString().compareTo(right.toString());
    }
}
