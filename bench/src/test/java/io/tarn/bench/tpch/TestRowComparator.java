package io.tarn.bench.tpch;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestRowComparator {

    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    private static final List<List<Object>> ROWS = List.of(
            row("A", new BigDecimal("10.50"), 0.25, null),
            row("B", new BigDecimal("7.00"), 1.0 / 3, "x"),
            row("C", new BigDecimal("1.25"), 2.5, "y"));

    @Test
    void identicalRowsMatchInBothModes() {
        assertTrue(RowComparator.firstDifference(ROWS, copy(ROWS), true).isEmpty());
        assertTrue(RowComparator.firstDifference(ROWS, copy(ROWS), false).isEmpty());
    }

    @Test
    void aChangedValueIsReportedWithItsRow() {
        List<List<Object>> wrong = copy(ROWS);
        wrong.set(1, row("B", new BigDecimal("7.01"), 1.0 / 3, "x"));
        String difference = RowComparator.firstDifference(ROWS, wrong, false).orElseThrow();
        assertTrue(difference.startsWith("row 2:"), difference);
        assertTrue(difference.contains("7.01"), difference);
    }

    @Test
    void aMissingRowIsAMismatch() {
        String difference = RowComparator.firstDifference(ROWS, ROWS.subList(0, 2), false).orElseThrow();
        assertEquals("row count 2, expected 3", difference);
    }

    @Test
    void orderMattersOnlyForOrderedQueries() {
        List<List<Object>> reversed = copy(ROWS);
        java.util.Collections.reverse(reversed);
        assertTrue(RowComparator.firstDifference(ROWS, reversed, false).isEmpty());
        assertTrue(RowComparator.firstDifference(ROWS, reversed, true).isPresent());
    }

    @Test
    void doublesCompareWithARelativeTolerance() {
        double value = 1234567.891;
        assertTrue(RowComparator.sameValue(value, value * (1 + 1e-12)));
        assertFalse(RowComparator.sameValue(value, value * (1 + 1e-6)));
    }

    @Test
    void decimalsCompareByValueNotScale() {
        assertTrue(RowComparator.sameValue(new BigDecimal("1.50"), new BigDecimal("1.5")));
        assertFalse(RowComparator.sameValue(new BigDecimal("1.50"), new BigDecimal("1.51")));
    }

    @Test
    void aDecimalMatchesADoubleRoundedToItsScale() {
        // one engine returns AVG as DECIMAL(.., 6), the other as DOUBLE
        assertTrue(RowComparator.sameValue(new BigDecimal("25.522006"), 25.52200585));
        assertFalse(RowComparator.sameValue(new BigDecimal("25.522006"), 25.5221));
    }

    @Test
    void nullMatchesOnlyNull() {
        assertTrue(RowComparator.sameValue(null, null));
        assertFalse(RowComparator.sameValue(null, "x"));
        assertFalse(RowComparator.sameValue(BigDecimal.ZERO, null));
    }

    @Test
    void unorderedRowsSortByValueWhateverTheNumberType() {
        List<List<Object>> expected = List.of(row("k", new BigDecimal("2")), row("k", new BigDecimal("10")));
        List<List<Object>> actual = List.of(row("k", 10.0), row("k", 2.0));
        assertTrue(RowComparator.firstDifference(expected, actual, false).isEmpty());
    }

    private static List<List<Object>> copy(List<List<Object>> rows) {
        return new ArrayList<>(rows);
    }
}
