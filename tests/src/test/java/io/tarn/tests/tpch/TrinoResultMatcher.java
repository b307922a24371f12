package io.tarn.tests.tpch;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Compares a result against Trino's expected text typed: a number is rounded (HALF_UP) to the scale the expected
 * text shows and must then be equal (a REAL/DOUBLE may also be one unit of that last digit away, since both engines
 * round binary values; a DECIMAL whose declared scale is smaller is compared at its own scale); dates compare as ISO
 * text, strings exactly, {@code null} only with SQL NULL.
 */
final class TrinoResultMatcher {
    private TrinoResultMatcher() {
    }

    /** Null when the rows match, else a description of the first difference. */
    static String firstDifference(TrinoTpchQuery query, List<List<Object>> actual) {
        requireNonNull(query, "query is null");
        requireNonNull(actual, "actual is null");
        List<List<String>> expected = query.rows();
        if (expected.size() != actual.size()) {
            return "expected " + expected.size() + " rows but got " + actual.size();
        }
        List<List<Object>> unmatched = new ArrayList<>(actual);
        for (int row = 0; row < expected.size(); row++) {
            List<String> expectedRow = expected.get(row);
            if (query.ignoreOrder()) {
                int match = indexOfMatch(expectedRow, unmatched);
                if (match < 0) {
                    return "no row matches expected row " + (row + 1) + ": " + expectedRow;
                }
                unmatched.remove(match);
            } else if (!rowMatches(expectedRow, actual.get(row))) {
                return "row " + (row + 1) + ": expected " + expectedRow + " but got " + actual.get(row);
            }
        }
        return null;
    }

    private static int indexOfMatch(List<String> expectedRow, List<List<Object>> candidates) {
        for (int index = 0; index < candidates.size(); index++) {
            if (rowMatches(expectedRow, candidates.get(index))) {
                return index;
            }
        }
        return -1;
    }

    private static boolean rowMatches(List<String> expectedRow, List<Object> actualRow) {
        if (expectedRow.size() != actualRow.size()) {
            return false;
        }
        for (int column = 0; column < expectedRow.size(); column++) {
            if (!valueMatches(expectedRow.get(column), actualRow.get(column))) {
                return false;
            }
        }
        return true;
    }

    static boolean valueMatches(String expected, Object actual) {
        if (actual == null || expected.equals("null")) {
            return actual == null && expected.equals("null");
        }
        if (actual instanceof BigDecimal || actual instanceof Double) {
            return numberMatches(new BigDecimal(expected), actual);
        }
        if (actual instanceof LocalDate date) {
            return date.toString().equals(expected);
        }
        return actual.toString().equals(expected);
    }

    private static boolean numberMatches(BigDecimal expected, Object actual) {
        int scale = Math.max(0, expected.scale());
        BigDecimal value = actual instanceof Double number ? BigDecimal.valueOf(number) : (BigDecimal) actual;
        if (actual instanceof BigDecimal && value.scale() < scale) {
            // the engine's DECIMAL type has fewer digits than Trino's DOUBLE printed (q14): compare at the declared scale
            scale = value.scale();
            expected = expected.setScale(scale, RoundingMode.HALF_UP);
        }
        BigDecimal difference = value.setScale(scale, RoundingMode.HALF_UP).subtract(expected).abs();
        if (actual instanceof Double) {
            return difference.compareTo(BigDecimal.ONE.movePointLeft(scale)) <= 0;
        }
        return difference.signum() == 0;
    }
}
