package io.tarn.bench.tpch;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestBenchQuery {

    @Test
    void q15CreatesAViewThenQueriesIt() {
        BenchQuery q15 = BenchQuery.tpch(15);
        assertEquals(2, q15.statements().size());
        assertEquals(Optional.of("revenue"), q15.createdView());
        assertTrue(q15.statements().get(1).contains("revenue"));
        assertTrue(q15.ordered());
    }

    @Test
    void aSingleStatementQueryWithoutOrderByIsUnordered() {
        BenchQuery q6 = BenchQuery.tpch(6);
        assertEquals(1, q6.statements().size());
        assertTrue(q6.createdView().isEmpty());
        assertFalse(q6.ordered());
        assertFalse(q6.statements().get(0).startsWith("--"), "the header line is not SQL");
    }

    @Test
    void everyQueryLoadsAndOnlyTheScanIsOutsideTheGeomean() {
        List<BenchQuery> all = BenchQuery.all();
        assertEquals(BenchQuery.TPCH_QUERY_COUNT + 1, all.size());
        for (BenchQuery query : all.subList(0, BenchQuery.TPCH_QUERY_COUNT)) {
            assertFalse(query.statements().isEmpty(), query.name());
            assertTrue(query.statements().stream().noneMatch(statement -> statement.endsWith(";")), query.name());
            assertTrue(query.inTpchGeomean(), query.name());
            assertTrue(query.scannedTable().isEmpty(), query.name());
        }
        BenchQuery scan = all.get(BenchQuery.TPCH_QUERY_COUNT);
        assertSame(BenchQuery.SCAN, scan);
        assertFalse(scan.inTpchGeomean());
        assertEquals(Optional.of("lineitem"), scan.scannedTable());
        assertEquals(List.of("SELECT sum(l_extendedprice * (1 - l_discount)) FROM lineitem"), scan.statements());
        assertThrows(IllegalArgumentException.class, () -> BenchQuery.tpch(23));
    }

    @Test
    void namesParseAsNumbersWithOrWithoutQOrAsScan() {
        assertEquals("q03", BenchQuery.parse("3").name());
        assertEquals("q03", BenchQuery.parse(" Q3").name());
        assertSame(BenchQuery.SCAN, BenchQuery.parse("SCAN"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> BenchQuery.parse("scans"));
        assertTrue(unknown.getMessage().contains("scans"), unknown.getMessage());
    }
}
