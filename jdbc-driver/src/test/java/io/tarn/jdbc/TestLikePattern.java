package io.tarn.jdbc;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestLikePattern {

    @Test
    void nullMatchesEverything() {
        assertTrue(LikePattern.of(null).matches("anything"));
    }

    @Test
    void wildcards() {
        assertTrue(LikePattern.of("line%").matches("lineitem"));
        assertTrue(LikePattern.of("%item").matches("lineitem"));
        assertFalse(LikePattern.of("line%").matches("orders"));
        assertTrue(LikePattern.of("t_").matches("t1"));
        assertFalse(LikePattern.of("t_").matches("t12"));
    }

    @Test
    void escapedWildcardsAreLiteral() {
        assertTrue(LikePattern.of("my\\_table").matches("my_table"));
        assertFalse(LikePattern.of("my\\_table").matches("myxtable"));
        assertTrue(LikePattern.of("100\\%").matches("100%"));
    }

    @Test
    void regexCharactersAreLiteralAndCaseIsIgnored() {
        assertTrue(LikePattern.of("a.b").matches("A.B"));
        assertFalse(LikePattern.of("a.b").matches("axb"));
    }
}
