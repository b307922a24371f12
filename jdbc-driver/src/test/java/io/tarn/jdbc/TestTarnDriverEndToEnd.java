package io.tarn.jdbc;

import io.tarn.planner.engine.Engine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SQL through the driver against a real in-memory warehouse; skipped while the engine is not implemented. */
class TestTarnDriverEndToEnd {

    private String url;
    private Connection connection;

    @BeforeAll
    static void requireEngine() {
        try (Engine engine = Engine.inMemory()) {
            Assumptions.assumeTrue(engine != null);
        } catch (UnsupportedOperationException e) {
            Assumptions.abort("engine not implemented yet: " + e.getMessage());
        }
    }

    @BeforeEach
    void connect() throws SQLException {
        url = "jdbc:tarn:mem:" + UUID.randomUUID();
        connection = DriverManager.getConnection(url);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA s");
            statement.execute("CREATE TABLE s.t (id BIGINT NOT NULL, name VARCHAR(10), price DECIMAL(10, 2), d DATE)");
            statement.execute("INSERT INTO s.t VALUES (1, 'a', 1.50, DATE '2024-01-02'), (2, NULL, NULL, NULL)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
        assertEquals(0, EngineRegistry.references(TarnUrl.parse(url).engineKey()));
    }

    @Test
    void queryReturnsTypedValuesAndNulls() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT id, name, price, d FROM s.t ORDER BY id")) {
            ResultSetMetaData metaData = rs.getMetaData();
            assertEquals(4, metaData.getColumnCount());
            assertEquals(Types.BIGINT, metaData.getColumnType(1));
            assertEquals(Types.DECIMAL, metaData.getColumnType(3));
            assertEquals(2, metaData.getScale(3));
            assertEquals(Types.DATE, metaData.getColumnType(4));
            assertTrue(rs.next());
            assertEquals(1L, rs.getLong(1));
            assertEquals("a", rs.getString(2));
            assertEquals(new BigDecimal("1.50"), rs.getBigDecimal(3));
            assertEquals(Date.valueOf("2024-01-02"), rs.getDate(4));
            assertTrue(rs.next());
            assertNull(rs.getString(2));
            assertNull(rs.getObject(3));
            assertTrue(rs.wasNull());
            assertFalse(rs.next());
        }
    }

    @Test
    void updatesReportCountsAndMessages() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            assertEquals(2, statement.executeUpdate("INSERT INTO s.t VALUES (3, 'c', 3, NULL), (4, 'd', 4, NULL)"));
            assertFalse(statement.execute("CREATE TABLE s.u (x INTEGER)"));
            assertNotNull(statement.unwrap(TarnStatement.class).updateMessage());
        }
    }

    @Test
    void preparedStatementBindsParameters() throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT name FROM s.t WHERE id = ?")) {
            assertEquals(1, statement.getParameterMetaData().getParameterCount());
            for (long id : new long[] {1, 2}) {
                statement.setLong(1, id);
                try (ResultSet rs = statement.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(id == 1 ? "a" : null, rs.getString(1));
                    assertFalse(rs.next());
                }
            }
        }
    }

    @Test
    void preparedInsertsConvertTypedParameters() throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO s.t VALUES (?, ?, ?, ?)")) {
            insert.setLong(1, 10);
            insert.setString(2, "ten");
            insert.setBigDecimal(3, new BigDecimal("10.25"));
            insert.setDate(4, Date.valueOf("2023-12-31"));
            assertEquals(1, insert.executeUpdate());
            insert.setInt(1, 11);
            insert.setString(2, "eleven");
            insert.setDouble(3, 0.5);
            insert.setString(4, "2020-02-29");
            insert.addBatch();
            insert.setLong(1, 12);
            insert.setString(2, "twelve");
            insert.setInt(3, 12);
            insert.setDate(4, Date.valueOf("1969-07-20"));
            insert.addBatch();
            assertEquals(2, insert.executeBatch().length);
        }
        assertEquals(List.of("10 ten 10.25 2023-12-31", "11 eleven 0.50 2020-02-29", "12 twelve 12.00 1969-07-20"),
                rowsFrom("SELECT id, name, price, d FROM s.t WHERE id >= 10 ORDER BY id"));
    }

    @Test
    void nullParametersInsertNulls() throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO s.t VALUES (?, ?, ?, ?)")) {
            insert.setLong(1, 20);
            insert.setNull(2, Types.VARCHAR);
            insert.setNull(3, Types.DECIMAL);
            insert.setNull(4, Types.DATE);
            assertEquals(1, insert.executeUpdate());
        }
        assertEquals(List.of("20 null null null"), rowsFrom("SELECT id, name, price, d FROM s.t WHERE id = 20"));
    }

    private List<String> rowsFrom(String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(query)) {
            while (rs.next()) {
                rows.add(rs.getLong(1) + " " + rs.getString(2) + " " + rs.getBigDecimal(3) + " " + rs.getDate(4));
            }
        }
        return rows;
    }

    @Test
    void rowsArriveInFramesAndMaxRowsLimitsThem() throws SQLException {
        StringBuilder insert = new StringBuilder("INSERT INTO s.t VALUES ");
        for (int i = 10; i < 60; i++) {
            insert.append(i == 10 ? "" : ", ").append("(").append(i).append(", 'x', 0, NULL)");
        }
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(insert.toString());
            statement.setFetchSize(7);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("SELECT id FROM s.t WHERE id >= 10 ORDER BY id")) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            assertEquals(50, ids.size());
            assertEquals(59L, ids.get(49));
            statement.setMaxRows(3);
            int rows = 0;
            try (ResultSet rs = statement.executeQuery("SELECT id FROM s.t")) {
                while (rs.next()) {
                    rows++;
                }
            }
            assertEquals(3, rows);
        }
    }

    @Test
    void errorsCarrySqlStateAndTheConnectionStaysUsable() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            SQLException error = assertThrows(SQLException.class, () -> statement.executeQuery("SELECT * FROM s.missing"));
            assertNotNull(error.getSQLState());
            assertNotEquals(SqlErrors.INTERNAL_ERROR, error.getSQLState());
            assertTrue(error.getMessage().contains("missing"), error.getMessage());
            try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM s.t")) {
                assertTrue(rs.next());
                assertEquals(2, rs.getLong(1));
            }
        }
    }

    @Test
    void statementStaysUsableAfterCancel() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.cancel();
            try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM s.t")) {
                assertTrue(rs.next());
                assertEquals(2, rs.getLong(1));
            }
        }
    }

    @Test
    void closingAResultSetEarlyLeavesTheStatementUsable() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            ResultSet first = statement.executeQuery("SELECT id FROM s.t ORDER BY id");
            assertTrue(first.next());
            first.close();
            first.close();
            try (ResultSet second = statement.executeQuery("SELECT id FROM s.t ORDER BY id DESC")) {
                assertTrue(second.next());
                assertEquals(2, second.getLong(1));
            }
        }
    }

    @Test
    void sessionUsesTheConnectionTimeZone() throws SQLException {
        try (Connection tokyo = DriverManager.getConnection(url + ";timeZone=Asia/Tokyo")) {
            assertEquals("Asia/Tokyo", tokyo.unwrap(TarnConnection.class).tarnMeta().session().getSetting("time_zone"));
            try (Statement statement = tokyo.createStatement();
                 ResultSet rs = statement.executeQuery(
                         "SELECT CAST(TIMESTAMP '2024-01-01 09:00:00' AS TIMESTAMP WITH LOCAL TIME ZONE) AS ltz")) {
                assertTrue(rs.next());
                // 09:00 in Tokyo is midnight UTC; the string shows Tokyo's wall clock again.
                assertEquals(java.time.Instant.parse("2024-01-01T00:00:00Z"), rs.getTimestamp(1).toInstant());
                assertTrue(rs.getString(1).startsWith("2024-01-01 09:00:00"), rs.getString(1));
            }
        }
    }

    @Test
    void currentSchema() throws SQLException {
        assertEquals("main", connection.getSchema());
        connection.setSchema("s");
        assertEquals("s", connection.getSchema());
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM t")) {
            assertTrue(rs.next());
            assertEquals(2, rs.getLong(1));
        }
        assertThrows(SQLException.class, () -> connection.setSchema("no_such_schema"));
        assertEquals("s", connection.getSchema());
    }

    @Test
    void databaseMetaDataAnswersFromTheCatalog() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE VIEW s.v AS SELECT id FROM s.t");
        }
        DatabaseMetaData metaData = connection.getMetaData();
        assertEquals("Tarn", metaData.getDatabaseProductName());
        assertEquals(TarnDriver.projectVersion(), metaData.getDatabaseProductVersion());
        assertFalse(metaData.isReadOnly());
        assertTrue(metaData.storesLowerCaseIdentifiers());

        List<String> tables = new ArrayList<>();
        try (ResultSet rs = metaData.getTables(null, "s", "%", null)) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME") + ":" + rs.getString("TABLE_TYPE"));
            }
        }
        assertEquals(List.of("t:TABLE", "v:VIEW"), tables);
        try (ResultSet rs = metaData.getTables(null, "S", "_", new String[] {"VIEW"})) {
            assertTrue(rs.next());
            assertEquals("v", rs.getString("TABLE_NAME"));
            assertFalse(rs.next());
        }

        List<String> columns = new ArrayList<>();
        try (ResultSet rs = metaData.getColumns(null, "s", "t", "%")) {
            while (rs.next()) {
                columns.add(rs.getInt("ORDINAL_POSITION") + " " + rs.getString("COLUMN_NAME") + " "
                        + rs.getInt("DATA_TYPE") + " " + rs.getString("TYPE_NAME") + " " + rs.getInt("NULLABLE"));
                if (rs.getString("COLUMN_NAME").equals("price")) {
                    assertEquals(10, rs.getInt("COLUMN_SIZE"));
                    assertEquals(2, rs.getInt("DECIMAL_DIGITS"));
                }
            }
        }
        assertEquals(List.of(
                "1 id " + Types.BIGINT + " BIGINT " + DatabaseMetaData.columnNoNulls,
                "2 name " + Types.VARCHAR + " VARCHAR " + DatabaseMetaData.columnNullable,
                "3 price " + Types.DECIMAL + " DECIMAL " + DatabaseMetaData.columnNullable,
                "4 d " + Types.DATE + " DATE " + DatabaseMetaData.columnNullable), columns);

        List<String> schemas = new ArrayList<>();
        try (ResultSet rs = metaData.getSchemas()) {
            while (rs.next()) {
                schemas.add(rs.getString("TABLE_SCHEM"));
            }
        }
        assertTrue(schemas.contains("s") && schemas.contains("main"), schemas.toString());
        try (ResultSet rs = metaData.getTypeInfo()) {
            assertTrue(rs.next());
        }
    }

    @Test
    void connectionsToOneWarehouseShareItsEngine() throws SQLException {
        String key = TarnUrl.parse(url).engineKey();
        assertEquals(1, EngineRegistry.references(key));
        try (Connection second = DriverManager.getConnection(url);
             Statement statement = second.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM s.t")) {
            assertEquals(2, EngineRegistry.references(key));
            assertTrue(rs.next());
            assertEquals(2, rs.getLong(1));
        }
        assertEquals(1, EngineRegistry.references(key));
    }
}
