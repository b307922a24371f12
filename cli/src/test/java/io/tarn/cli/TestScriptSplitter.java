package io.tarn.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestScriptSplitter {

    @Test
    void splitsAtTopLevelSemicolons() {
        assertEquals(List.of("SELECT 1", "SELECT 2", "SELECT 3"), ScriptSplitter.split("SELECT 1; SELECT 2;\nSELECT 3"));
    }

    @Test
    void semicolonsInsideQuotesAndCommentsDoNotSplit() {
        String script = """
                SELECT 'a;b', "odd;name" FROM t; -- trailing; comment
                /* block; comment */ SELECT 'it''s; fine';
                -- only a comment;
                """;
        assertEquals(List.of("SELECT 'a;b', \"odd;name\" FROM t",
                        "-- trailing; comment\n/* block; comment */ SELECT 'it''s; fine'"),
                ScriptSplitter.split(script));
    }

    @Test
    void emptyStatementsAreDropped() {
        assertEquals(List.of("SELECT 1"), ScriptSplitter.split(";;  SELECT 1 ;  ; \n"));
        assertEquals(List.of(), ScriptSplitter.split("-- nothing\n/* at all */"));
    }

    @Test
    void scanKeepsTheUnterminatedRest() {
        ScriptSplitter.Split split = ScriptSplitter.scan("SELECT 1;\nSELECT 'still;\n");
        assertEquals(List.of("SELECT 1"), split.statements());
        assertEquals("\nSELECT 'still;\n", split.remainder());
        assertTrue(ScriptSplitter.hasCode(split.remainder()));
        assertFalse(ScriptSplitter.hasCode(ScriptSplitter.scan("SELECT 1; -- done\n").remainder()));
    }
}
