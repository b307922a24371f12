package io.tarn.sql.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tarn.sql.parser.ddl.SqlCreateSchema;
import io.tarn.sql.parser.ddl.SqlCreateTable;
import io.tarn.sql.parser.ddl.SqlCreateView;
import io.tarn.sql.parser.ddl.SqlDropSchema;
import io.tarn.sql.parser.ddl.SqlDropTable;
import io.tarn.sql.parser.ddl.SqlDropView;
import io.tarn.sql.parser.ddl.SqlExplainPhysical;
import io.tarn.sql.parser.ddl.SqlShowSchemas;
import io.tarn.sql.parser.ddl.SqlShowTables;
import io.tarn.sql.parser.ddl.SqlUseSchema;
import java.util.stream.Stream;
import org.apache.calcite.sql.SqlDescribeTable;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSetOption;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.Litmus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every extension statement survives parse, unparse, parse with an equal tree, and keeps its class when cloned. */
class TestDdlRoundTrip {
    static Stream<Arguments> statements() {
        return Stream.of(
                Arguments.of(SqlCreateSchema.class, "CREATE SCHEMA sales"),
                Arguments.of(SqlCreateSchema.class, "create schema if not exists Sales"),
                Arguments.of(SqlDropSchema.class, "DROP SCHEMA sales"),
                Arguments.of(SqlDropSchema.class, "DROP SCHEMA IF EXISTS sales CASCADE"),
                Arguments.of(SqlDropSchema.class, "DROP SCHEMA sales RESTRICT"),
                Arguments.of(SqlCreateTable.class, "CREATE TABLE t (a INT NOT NULL, b VARCHAR(10) NULL, c DECIMAL(12, 2))"),
                Arguments.of(SqlCreateTable.class, "CREATE TABLE t (x INTEGER, y TEXT)"),
                Arguments.of(SqlCreateTable.class, "CREATE OR REPLACE TABLE s.t (id BIGINT NOT NULL, created TIMESTAMP(6), "
                        + "region STRING) USING iceberg PARTITIONED BY (region, id) LOCATION 'file:///tmp/w/t'"),
                Arguments.of(SqlCreateTable.class, "CREATE TABLE IF NOT EXISTS t USING Parquet LOCATION 's3://b/it''s é'"),
                Arguments.of(SqlCreateTable.class, "CREATE TABLE t USING delta LOCATION '/data/delta/t'"),
                Arguments.of(SqlCreateTable.class, "CREATE TABLE t PARTITIONED BY (k) AS SELECT k, sum(v) AS value "
                        + "FROM src GROUP BY k"),
                Arguments.of(SqlCreateTable.class, "CREATE TABLE t AS WITH x AS (SELECT 1 AS a) SELECT a FROM x "
                        + "ORDER BY a LIMIT 5"),
                Arguments.of(SqlCreateTable.class, "CREATE TABLE t (r ROW(x INT, y STRING), l INT ARRAY, "
                        + "m MAP<VARCHAR, DOUBLE>, z TIMESTAMP WITH LOCAL TIME ZONE)"),
                Arguments.of(SqlCreateTable.class, "CREATE TABLE t1(a1 INTEGER PRIMARY KEY, b1 INTEGER, x1 VARCHAR(40))"),
                Arguments.of(SqlCreateTable.class, "CREATE TABLE t2(a INTEGER NOT NULL, b VARCHAR(10) UNIQUE, c INT, "
                        + "PRIMARY KEY (a, c), UNIQUE (b))"),
                Arguments.of(SqlCreateTable.class, "CREATE TABLE t (CONSTRAINT pk PRIMARY KEY (\"Id\"), \"Id\" BIGINT, "
                        + "v INT NULL CONSTRAINT v_unique UNIQUE, w INT UNIQUE NOT NULL, CONSTRAINT uq UNIQUE (v, w))"),
                Arguments.of(SqlDropTable.class, "DROP TABLE t"),
                Arguments.of(SqlDropTable.class, "DROP TABLE IF EXISTS s.t"),
                Arguments.of(SqlCreateView.class, "CREATE VIEW v AS SELECT * FROM t"),
                Arguments.of(SqlCreateView.class, "CREATE OR REPLACE VIEW s.v (a, b) AS SELECT x, y FROM t WHERE x != 1"),
                Arguments.of(SqlCreateView.class, "CREATE VIEW IF NOT EXISTS v AS VALUES (1, 'a'), (2, 'b')"),
                Arguments.of(SqlDropView.class, "DROP VIEW v"),
                Arguments.of(SqlDropView.class, "DROP VIEW IF EXISTS s.v"),
                Arguments.of(SqlShowSchemas.class, "SHOW SCHEMAS"),
                Arguments.of(SqlShowTables.class, "SHOW TABLES"),
                Arguments.of(SqlShowTables.class, "SHOW TABLES IN s"),
                Arguments.of(SqlUseSchema.class, "USE s"),
                Arguments.of(SqlExplainPhysical.class, "EXPLAIN SELECT a, count(*) FROM t GROUP BY a"),
                Arguments.of(SqlExplainPhysical.class, "EXPLAIN WITH x AS (SELECT 1 AS a) SELECT * FROM x"),
                Arguments.of(SqlExplainPhysical.class, "EXPLAIN INSERT INTO t SELECT * FROM u"),
                Arguments.of(SqlExplainPhysical.class, "EXPLAIN (VALUES (1)) UNION ALL SELECT plan FROM t"),
                Arguments.of(SqlExplain.class, "EXPLAIN PLAN FOR SELECT 1"),
                Arguments.of(SqlExplain.class, "EXPLAIN PLAN WITHOUT IMPLEMENTATION FOR SELECT 1"),
                Arguments.of(SqlDescribeTable.class, "DESC s.t"),
                Arguments.of(SqlDescribeTable.class, "DESCRIBE t"),
                Arguments.of(SqlSetOption.class, "SET threads = 4"),
                Arguments.of(SqlSetOption.class, "SET memory_limit = '4GB'"));
    }

    @ParameterizedTest
    @MethodSource("statements")
    void unparsedStatementParsesToEqualTree(Class<? extends SqlNode> expectedClass, String sql)
            throws SqlParseException {
        SqlNode parsed = TarnParser.parse(sql);
        assertSame(expectedClass, parsed.getClass());

        String unparsed = TarnParser.toSql(parsed);
        SqlNode reparsed = TarnParser.parse(unparsed);

        assertSame(expectedClass, reparsed.getClass());
        assertTrue(parsed.equalsDeep(reparsed, Litmus.IGNORE), () -> unparsed + "\n  vs\n" + TarnParser.toSql(reparsed));
        assertEquals(unparsed, TarnParser.toSql(reparsed));
    }

    @ParameterizedTest
    @MethodSource("statements")
    void cloneKeepsClassAndContent(Class<? extends SqlNode> expectedClass, String sql) throws SqlParseException {
        SqlNode parsed = TarnParser.parse(sql);

        SqlNode copy = parsed.clone(SqlParserPos.ZERO);

        assertSame(expectedClass, copy.getClass());
        assertTrue(parsed.equalsDeep(copy, Litmus.IGNORE));
        assertEquals(TarnParser.toSql(parsed), TarnParser.toSql(copy));
    }
}
