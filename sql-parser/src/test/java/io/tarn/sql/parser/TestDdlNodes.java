package io.tarn.sql.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tarn.sql.parser.ddl.SqlColumnDefinition;
import io.tarn.sql.parser.ddl.SqlCreateSchema;
import io.tarn.sql.parser.ddl.SqlCreateTable;
import io.tarn.sql.parser.ddl.SqlCreateView;
import io.tarn.sql.parser.ddl.SqlDropSchema;
import io.tarn.sql.parser.ddl.SqlDropTable;
import io.tarn.sql.parser.ddl.SqlDropView;
import io.tarn.sql.parser.ddl.SqlExplainPhysical;
import io.tarn.sql.parser.ddl.SqlShowTables;
import io.tarn.sql.parser.ddl.SqlTableConstraint;
import io.tarn.sql.parser.ddl.SqlUseSchema;
import java.util.List;
import org.apache.calcite.sql.SqlDescribeTable;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSetOption;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.util.Litmus;
import org.junit.jupiter.api.Test;

/** What the planner reads from each statement node. */
class TestDdlNodes {
    private static <T extends SqlNode> T parse(Class<T> type, String sql) throws SqlParseException {
        return type.cast(TarnParser.parse(sql));
    }

    @Test
    void createTableExposesEveryClause() throws SqlParseException {
        SqlCreateTable create = parse(SqlCreateTable.class,
                "CREATE OR REPLACE TABLE Sales.Orders (id BIGINT NOT NULL, \"Note\" STRING, price DECIMAL(10, 2)) "
                        + "USING ICEBERG PARTITIONED BY (id) LOCATION 'file:///w/orders'");

        assertEquals(List.of("sales", "orders"), create.getName().names);
        assertTrue(create.isOrReplace());
        assertFalse(create.isIfNotExists());
        assertEquals("iceberg", create.getFormat());
        assertEquals(List.of("id"), create.getPartitionColumnNames());
        assertEquals("file:///w/orders", create.getLocation());
        assertNull(create.getQuery());
        assertEquals(SqlKind.CREATE_TABLE, create.getKind());

        List<SqlColumnDefinition> columns = create.getColumnDefinitions();
        assertEquals(List.of("id", "Note", "price"), columns.stream().map(c -> c.getName().getSimple()).toList());
        assertEquals(List.of(false, true, true), columns.stream().map(SqlColumnDefinition::isNullable).toList());
        assertEquals("BIGINT", columns.get(0).getDataType().getTypeName().getSimple());
        assertEquals(Boolean.FALSE, columns.get(0).getDataType().getNullable());
        assertEquals("VARCHAR", columns.get(1).getDataType().getTypeName().getSimple());
        assertEquals("DECIMAL", columns.get(2).getDataType().getTypeName().getSimple());
    }

    @Test
    void columnPrimaryKeyIsTheKeyAndImpliesNotNull() throws SqlParseException {
        SqlCreateTable create = parse(SqlCreateTable.class,
                "CREATE TABLE t1(a1 INTEGER PRIMARY KEY, b1 INTEGER, x1 VARCHAR(40))");

        assertEquals(List.of("a1"), create.getPrimaryKey());
        assertEquals(List.of(), create.getUniqueKeys());
        assertEquals(List.of(false, true, true),
                create.getColumnDefinitions().stream().map(SqlColumnDefinition::isNullable).toList());
    }

    @Test
    void tableConstraintsKeepTheirColumnsOrderAndNames() throws SqlParseException {
        SqlCreateTable create = parse(SqlCreateTable.class, "CREATE TABLE t2(a INTEGER NOT NULL, "
                + "b VARCHAR(10) UNIQUE, c INT, d INT NULL, CONSTRAINT Pk PRIMARY KEY (c, a), UNIQUE (b), UNIQUE (d, b))");

        assertEquals(List.of("c", "a"), create.getPrimaryKey());
        assertEquals(List.of(List.of("b"), List.of("b"), List.of("d", "b")), create.getUniqueKeys());
        assertEquals(List.of(false, true, false, true),
                create.getColumnDefinitions().stream().map(SqlColumnDefinition::isNullable).toList());
        SqlTableConstraint primaryKey = (SqlTableConstraint) create.getConstraints().get(1);
        assertTrue(primaryKey.isPrimaryKey());
        assertEquals("pk", primaryKey.getName().getSimple());
        assertEquals(SqlKind.PRIMARY_KEY, primaryKey.getKind());
        assertNull(((SqlTableConstraint) create.getConstraints().get(0)).getName());
    }

    @Test
    void keyNamingAnUndeclaredColumnIsLeftToTheExecutor() throws SqlParseException {
        SqlCreateTable create = parse(SqlCreateTable.class, "CREATE TABLE t (a INT, PRIMARY KEY (x), UNIQUE (y))");

        assertEquals(List.of("x"), create.getPrimaryKey());
        assertEquals(List.of(List.of("y")), create.getUniqueKeys());
        assertTrue(create.getColumnDefinitions().get(0).isNullable());
    }

    @Test
    void tableWithoutConstraintsHasNoKeys() throws SqlParseException {
        SqlCreateTable create = parse(SqlCreateTable.class, "CREATE TABLE t (a INT NOT NULL)");

        assertTrue(create.getConstraints().isEmpty());
        assertEquals(List.of(), create.getPrimaryKey());
        assertEquals(List.of(), create.getUniqueKeys());
    }

    @Test
    void createTableAsQueryHasNoColumnsAndDefaults() throws SqlParseException {
        SqlCreateTable create = parse(SqlCreateTable.class, "CREATE TABLE IF NOT EXISTS t AS SELECT 1 AS a");

        assertTrue(create.isIfNotExists());
        assertFalse(create.isOrReplace());
        assertTrue(create.getColumns().isEmpty());
        assertTrue(create.getPartitionColumns().isEmpty());
        assertNull(create.getFormat());
        assertNull(create.getLocation());
        assertTrue(create.getQuery() instanceof SqlSelect);
    }

    @Test
    void locationAloneDefinesAnExternalTable() throws SqlParseException {
        SqlCreateTable create = parse(SqlCreateTable.class, "CREATE TABLE t USING parquet LOCATION '/d/x.parquet'");

        assertEquals("parquet", create.getFormat());
        assertEquals("/d/x.parquet", create.getLocation());
        assertTrue(create.getColumns().isEmpty());
    }

    @Test
    void columnTypesCoverTheSupportedScalarTypes() throws SqlParseException {
        SqlCreateTable create = parse(SqlCreateTable.class, "CREATE TABLE t (a TINYINT, b SMALLINT, c INTEGER, "
                + "d INT, e BIGINT, f DECIMAL(10, 2), g NUMERIC(5), h REAL, i FLOAT, j DOUBLE, k DOUBLE PRECISION, "
                + "l CHAR(3), m VARCHAR(5), n VARCHAR, o STRING, p DATE, q TIME, r TIMESTAMP, "
                + "s TIMESTAMP WITH LOCAL TIME ZONE, t BINARY(4), u VARBINARY, v BOOLEAN)");

        List<String> typeNames = create.getColumnDefinitions().stream()
                .map(c -> c.getDataType().getTypeName().getSimple()).toList();

        assertEquals(List.of("TINYINT", "SMALLINT", "INTEGER", "INTEGER", "BIGINT", "DECIMAL", "DECIMAL", "REAL",
                "FLOAT", "DOUBLE", "DOUBLE", "CHAR", "VARCHAR", "VARCHAR", "VARCHAR", "DATE", "TIME", "TIMESTAMP",
                "TIMESTAMP_WITH_LOCAL_TIME_ZONE", "BINARY", "VARBINARY", "BOOLEAN"), typeNames);
    }

    @Test
    void createViewExposesColumnsAndQuery() throws SqlParseException {
        SqlCreateView view = parse(SqlCreateView.class, "CREATE OR REPLACE VIEW v (a, B) AS SELECT x, y FROM t");

        assertEquals("v", view.getName().getSimple());
        assertTrue(view.isOrReplace());
        assertEquals(List.of("a", "b"), view.getColumnNames());
        assertTrue(view.getQuery().equalsDeep(TarnParser.parse("SELECT x, y FROM t"), Litmus.IGNORE));
    }

    @Test
    void schemaStatementsExposeNameAndFlags() throws SqlParseException {
        SqlCreateSchema create = parse(SqlCreateSchema.class, "CREATE SCHEMA IF NOT EXISTS s");
        SqlDropSchema dropCascade = parse(SqlDropSchema.class, "DROP SCHEMA IF EXISTS s CASCADE");
        SqlDropSchema dropRestrict = parse(SqlDropSchema.class, "DROP SCHEMA s RESTRICT");

        assertEquals("s", create.getName().getSimple());
        assertTrue(create.isIfNotExists());
        assertTrue(dropCascade.isIfExists());
        assertTrue(dropCascade.isCascade());
        assertFalse(dropRestrict.isIfExists());
        assertFalse(dropRestrict.isCascade());
    }

    @Test
    void dropTableAndViewExposeNameAndIfExists() throws SqlParseException {
        SqlDropTable table = parse(SqlDropTable.class, "DROP TABLE IF EXISTS s.t");
        SqlDropView view = parse(SqlDropView.class, "DROP VIEW v");

        assertEquals(List.of("s", "t"), table.getName().names);
        assertTrue(table.isIfExists());
        assertEquals(SqlKind.DROP_TABLE, table.getKind());
        assertEquals("v", view.getName().getSimple());
        assertFalse(view.isIfExists());
        assertEquals(SqlKind.DROP_VIEW, view.getKind());
    }

    @Test
    void flagsTakePartInEquality() throws SqlParseException {
        assertNotEqualTrees("DROP SCHEMA s CASCADE", "DROP SCHEMA s");
        assertNotEqualTrees("DROP TABLE IF EXISTS t", "DROP TABLE t");
        assertNotEqualTrees("CREATE OR REPLACE VIEW v AS SELECT 1", "CREATE VIEW v AS SELECT 1");
        assertNotEqualTrees("CREATE TABLE t (a INT NOT NULL)", "CREATE TABLE t (a INT)");
        assertNotEqualTrees("CREATE TABLE t LOCATION 'a'", "CREATE TABLE t LOCATION 'b'");
        assertNotEqualTrees("CREATE TABLE t USING delta LOCATION 'a'", "CREATE TABLE t LOCATION 'a'");
        assertNotEqualTrees("CREATE TABLE t (a INT, b INT, PRIMARY KEY (a))", "CREATE TABLE t (a INT, b INT, UNIQUE (a))");
        assertNotEqualTrees("CREATE TABLE t (a INT, b INT, PRIMARY KEY (a, b))",
                "CREATE TABLE t (a INT, b INT, PRIMARY KEY (b, a))");
        assertNotEqualTrees("CREATE TABLE t (a INT, CONSTRAINT k UNIQUE (a))", "CREATE TABLE t (a INT, UNIQUE (a))");
    }

    private static void assertNotEqualTrees(String sql, String otherSql) throws SqlParseException {
        assertFalse(TarnParser.parse(sql).equalsDeep(TarnParser.parse(otherSql), Litmus.IGNORE), sql);
    }

    @Test
    void showTablesSchemaIsOptional() throws SqlParseException {
        assertNull(parse(SqlShowTables.class, "SHOW TABLES").getSchema());
        assertEquals("s", parse(SqlShowTables.class, "SHOW TABLES FROM s").getSchema().getSimple());
    }

    @Test
    void useDescribeAndSetExposeTheirTargets() throws SqlParseException {
        assertEquals("analytics", parse(SqlUseSchema.class, "USE Analytics").getSchema().getSimple());
        assertEquals(List.of("s", "t"), parse(SqlDescribeTable.class, "DESC s.t").getTable().names);

        SqlSetOption set = parse(SqlSetOption.class, "SET threads = 4");
        assertEquals("threads", set.getName().getSimple());
        assertEquals(4, ((SqlLiteral) set.getValue()).intValue(true));
        assertNull(set.getScope());
    }

    @Test
    void explainWrapsQueryOrDml() throws SqlParseException {
        SqlExplainPhysical query = parse(SqlExplainPhysical.class, "EXPLAIN SELECT 1");
        SqlExplainPhysical insert = parse(SqlExplainPhysical.class, "EXPLAIN INSERT INTO t VALUES (1)");

        assertTrue(query.getStatement() instanceof SqlSelect);
        assertTrue(insert.getStatement() instanceof SqlInsert);
        assertEquals(SqlKind.OTHER, query.getKind());
    }
}
