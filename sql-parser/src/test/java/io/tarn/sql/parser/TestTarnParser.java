package io.tarn.sql.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TestTarnParser {
    @Test
    void configFoldsUnquotedIdentifiersToLowerCase() throws SqlParseException {
        assertEquals(Casing.TO_LOWER, TarnParser.config().unquotedCasing());
        assertEquals(Casing.UNCHANGED, TarnParser.config().quotedCasing());

        SqlSelect select = (SqlSelect) TarnParser.parse("SELECT MyCol, \"MyCol\" FROM Sch.Tab");

        assertEquals("mycol", ((SqlIdentifier) select.getSelectList().get(0)).getSimple());
        assertEquals("MyCol", ((SqlIdentifier) select.getSelectList().get(1)).getSimple());
        assertEquals(List.of("sch", "tab"), ((SqlIdentifier) select.getFrom()).names);
    }

    @Test
    void parseStatementsSplitsOnSemicolons() throws SqlParseException {
        SqlNodeList statements = TarnParser.parseStatements("CREATE SCHEMA s;\nUSE s;\nSELECT 1;");

        assertEquals(3, statements.size());
        assertEquals(List.of("CREATE SCHEMA \"s\"", "USE \"s\"", "SELECT 1"),
                statements.stream().map(TarnParser::toSql).toList());
        assertTrue(TarnParser.parseStatements("  ").isEmpty());
    }

    @Test
    void parseRejectsMoreThanOneStatementAtTheSecondOne() {
        SqlParseException error = assertThrows(SqlParseException.class, () -> TarnParser.parse("SELECT 1; SELECT 2"));

        assertEquals(new SqlParserPos(1, 11, 1, 18), error.getPos());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT a FROM t WHERE a != 1 LIMIT 10 OFFSET 5",
        "SELECT a FROM t LIMIT 5, 10",
        "SELECT a, count(*) FROM t GROUP BY 1 HAVING count(*) > 1 ORDER BY 1",
        "SELECT 7 % 2, ROW(1, 2)",
        "SELECT a AS value FROM t ORDER BY value DESC",
        "SELECT location, tables, schemas, string, use, partitioned, plan, if FROM t",
        "SELECT date('1994-01-01'), substr(c, 1, 2), CAST(a AS STRING) FROM t",
        "SELECT if(a > 1, 'x', 'y'), JSON_OBJECT(KEY 'k' VALUE 1) FROM t",
        "WITH x AS (SELECT 1 AS a) SELECT * FROM x",
        "INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y')",
        "ALTER SESSION SET threads = 2",
    })
    void standardAndFamiliarSqlParsesAndRoundTrips(String sql) throws SqlParseException {
        SqlNode parsed = TarnParser.parse(sql);
        String unparsed = TarnParser.toSql(parsed);

        assertEquals(unparsed, TarnParser.toSql(TarnParser.parse(unparsed)));
    }

    @Test
    void valueIsUsableAsColumnAlias() throws SqlParseException {
        SqlOrderBy query = (SqlOrderBy) TarnParser.parse("SELECT sum(x) AS value FROM t ORDER BY value DESC");

        assertEquals("SELECT SUM(\"x\") AS \"value\"\nFROM \"t\"\nORDER BY \"value\" DESC", TarnParser.toSql(query));
    }

    static Stream<Arguments> syntaxErrors() {
        return Stream.of(
                Arguments.of("SELECT * FROM t WHERE", 1, 21, "Encountered \"<EOF>\""),
                Arguments.of("CREATE TABLE t (a INT,\n  b)", 2, 4, "Encountered \")\""),
                Arguments.of("SHOW COLUMNS", 1, 6, "Unknown SHOW columns"),
                Arguments.of("DROP SCHEMA s CASCADE RESTRICT", 1, 23, "RESTRICT"),
                Arguments.of("CREATE TABLE t USING orc LOCATION 'x'", 1, 22, "Unknown table format 'orc'"),
                Arguments.of("CREATE TABLE s.t", 1, 14, "CREATE TABLE s.t needs a column list, a LOCATION or AS query"),
                Arguments.of("CREATE TABLE t (a INT) AS SELECT 1", 1, 16, "remove the column list"),
                Arguments.of("CREATE OR REPLACE TABLE IF NOT EXISTS t (a INT)", 1, 1, "OR REPLACE and IF NOT EXISTS"),
                Arguments.of("CREATE OR REPLACE VIEW IF NOT EXISTS v AS SELECT 1", 1, 1,
                        "OR REPLACE and IF NOT EXISTS"),
                Arguments.of("CREATE OR REPLACE SCHEMA s", 1, 1, "CREATE OR REPLACE SCHEMA is not supported"),
                Arguments.of("CREATE TABLE t (a INT PRIMARY KEY, b INT PRIMARY KEY)", 1, 42,
                        "CREATE TABLE t declares more than one PRIMARY KEY"),
                Arguments.of("CREATE TABLE t (a INT PRIMARY KEY, b INT,\n  CONSTRAINT pk PRIMARY KEY (b))", 2, 3,
                        "more than one PRIMARY KEY"),
                Arguments.of("CREATE TABLE t (a INT NOT NULL NULL)", 1, 32, "Column a is declared both NULL and NOT NULL"),
                Arguments.of("CREATE TABLE t (a INT DEFAULT 0)", 1, 23, "DEFAULT values are not supported (column a)"),
                Arguments.of("CREATE TABLE t (PRIMARY KEY (a)) LOCATION 'x'", 1, 17,
                        "CREATE TABLE t declares constraints but no columns"),
                Arguments.of("CREATE TABLE t (a INT, PRIMARY KEY)", 1, 35, "Encountered \")\""),
                Arguments.of("CREATE TABLE t (a INT, UNIQUE a)", 1, 31, "Encountered \"a\""),
                Arguments.of("CREATE UNIQUE INDEX i ON t (a)", 1, 1, "CREATE INDEX is not supported: Tarn tables have no indexes"),
                Arguments.of("CREATE INDEX t1i1 ON t1(x)", 1, 1, "CREATE INDEX is not supported"),
                Arguments.of("DROP INDEX t1i1", 1, 1, "DROP INDEX is not supported: Tarn tables have no indexes"),
                Arguments.of("SELECT 1;\nEXPLAIN", 2, 7, "Encountered \"<EOF>\""));
    }

    @ParameterizedTest
    @MethodSource("syntaxErrors")
    void syntaxErrorsReportLineAndColumn(String sql, int line, int column, String messagePart) {
        SqlParseException error = assertThrows(SqlParseException.class, () -> TarnParser.parseStatements(sql));

        assertEquals(line, error.getPos().getLineNum(), error::getMessage);
        assertEquals(column, error.getPos().getColumnNum(), error::getMessage);
        assertTrue(error.getMessage().contains(messagePart), error::getMessage);
    }
}
