package io.tarn.tests.tpch;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestTrinoResultMatcher {
    @Test
    void roundsNumbersToTheExpectedScale() {
        assertTrue(TrinoResultMatcher.valueMatches("25.58", new BigDecimal("25.5771")));
        assertFalse(TrinoResultMatcher.valueMatches("25.58", new BigDecimal("25.5749")));
        assertTrue(TrinoResultMatcher.valueMatches("380456", new BigDecimal("380456.00")));
        assertTrue(TrinoResultMatcher.valueMatches("0", new BigDecimal("0.03")));
    }

    @Test
    void comparesADecimalWithFewerDigitsAtItsOwnScale() {
        assertTrue(TrinoResultMatcher.valueMatches("15.4865458122841", new BigDecimal("15.486546")));
        assertFalse(TrinoResultMatcher.valueMatches("15.4865458122841", new BigDecimal("15.486547")));
    }

    @Test
    void allowsOneUnitInTheLastDigitForDoubles() {
        assertTrue(TrinoResultMatcher.valueMatches("15.4865458122841", 15.48654581228415));
        assertTrue(TrinoResultMatcher.valueMatches("15.4865458122841", 15.4865458122842));
        assertFalse(TrinoResultMatcher.valueMatches("15.4865458122841", 15.4865458122845));
    }

    @Test
    void matchesNullsDatesAndStringsExactly() {
        assertTrue(TrinoResultMatcher.valueMatches("null", null));
        assertFalse(TrinoResultMatcher.valueMatches("null", "null"));
        assertFalse(TrinoResultMatcher.valueMatches("0", null));
        assertTrue(TrinoResultMatcher.valueMatches("1995-03-11", LocalDate.of(1995, 3, 11)));
        assertTrue(TrinoResultMatcher.valueMatches("Brand#14", "Brand#14"));
        assertFalse(TrinoResultMatcher.valueMatches("Brand#14", "Brand#14 "));
    }
}
