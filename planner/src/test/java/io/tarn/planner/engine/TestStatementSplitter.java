package io.tarn.planner.engine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TestStatementSplitter {
    @Test
    void splitsAtTopLevelSemicolonsOnly() {
        String script = """
                CREATE VIEW v AS SELECT ';' AS "a;b" FROM t; -- a comment; with a semicolon
                /* block; comment */ SELECT 'it''s; fine';
                ;
                SELECT 1""";
        assertEquals(List.of(
                "CREATE VIEW v AS SELECT ';' AS \"a;b\" FROM t",
                "-- a comment; with a semicolon\n/* block; comment */ SELECT 'it''s; fine'",
                "SELECT 1"), StatementSplitter.split(script));
    }

    @Test
    void dropsBlankAndCommentOnlyStatements() {
        assertEquals(List.of(), StatementSplitter.split(" ; -- nothing here\n ;"));
    }
}
