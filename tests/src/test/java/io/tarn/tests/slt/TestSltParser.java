package io.tarn.tests.slt;

import io.tarn.tests.slt.SltRecord.Target;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestSltParser {
    private static final String HEADER = "# name: a/b.slt\n# description: d\n# group: [a]\n";

    @Test
    void parsesRecordsWithTheirLinesDirectivesAndExpectedRows() {
        SltFile file = SltParser.parse("a/b.slt", HEADER + """
                # requires: tpch

                statement ok
                CREATE TABLE t (a INTEGER);

                # a comment
                query rowsort
                SELECT a
                FROM t

                statement error 42P01
                SELECT * FROM missing

                # tarn-only
                query
                SHOW TABLES
                ----
                t | NULL

                # duckdb-only
                statement ok
                CREATE TABLE u (a INTEGER)
                """);
        assertTrue(file.requiresTpch());
        assertEquals(5, file.records().size());
        SltRecord.Statement create = (SltRecord.Statement) file.records().get(0);
        assertEquals(6, create.line());
        assertEquals("CREATE TABLE t (a INTEGER)", create.sql());
        SltRecord.Query select = (SltRecord.Query) file.records().get(1);
        assertEquals("SELECT a\nFROM t", select.sql());
        assertTrue(select.rowsort());
        assertTrue(select.comparesWithDuckDb());
        assertNull(select.expectedRows());
        assertEquals("42P01", ((SltRecord.StatementError) file.records().get(2)).sqlStatePrefix());
        SltRecord.Query show = (SltRecord.Query) file.records().get(3);
        assertEquals(Target.TARN_ONLY, show.target());
        assertFalse(show.rowsort());
        assertEquals(List.of(List.of("t", "NULL")), show.expectedRows());
        assertEquals(Target.DUCKDB_ONLY, ((SltRecord.Statement) file.records().get(4)).target());
        assertEquals(2, file.queryCount());
    }

    @Test
    void rejectsMalformedFilesNamingTheLine() {
        assertThrows(IllegalArgumentException.class, () -> SltParser.parse("x.slt", "statement ok\nSELECT 1\n"));
        IllegalArgumentException missingRows = assertThrows(IllegalArgumentException.class,
                () -> SltParser.parse("a/b.slt", HEADER + "\n# tarn-only\nquery\nSHOW TABLES\n"));
        assertTrue(missingRows.getMessage().startsWith("a/b.slt:6:"), missingRows.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SltParser.parse("a/b.slt", HEADER + "\nquery\nSELECT 1\n----\n1\n"));
        assertThrows(IllegalArgumentException.class,
                () -> SltParser.parse("a/b.slt", HEADER + "\n# tarn-expected:\nquery\nSELECT 1\n----\n1\n"));
        assertThrows(IllegalArgumentException.class, () -> SltParser.parse("a/b.slt", HEADER + "\nselect 1\n"));
    }
}
