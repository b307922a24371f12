package io.tarn.bench.tpch;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestTpchQueryText {

    @Test
    void q15CreatesAViewThenQueriesIt() {
        TpchQueryText q15 = TpchQueryText.load(15);
        assertEquals(2, q15.statements().size());
        assertEquals(Optional.of("revenue"), q15.createdView());
        assertTrue(q15.statements().get(1).contains("revenue"));
        assertTrue(q15.ordered());
    }

    @Test
    void aSingleStatementQueryWithoutOrderByIsUnordered() {
        TpchQueryText q6 = TpchQueryText.load(6);
        assertEquals(1, q6.statements().size());
        assertTrue(q6.createdView().isEmpty());
        assertFalse(q6.ordered());
        assertFalse(q6.statements().get(0).startsWith("--"), "the header line is not SQL");
    }

    @Test
    void everyQueryLoads() {
        for (int number = 1; number <= TpchQueryText.QUERY_COUNT; number++) {
            TpchQueryText query = TpchQueryText.load(number);
            assertFalse(query.statements().isEmpty(), query.name());
            assertTrue(query.statements().stream().noneMatch(statement -> statement.endsWith(";")), query.name());
        }
        assertThrows(IllegalArgumentException.class, () -> TpchQueryText.load(23));
    }
}
