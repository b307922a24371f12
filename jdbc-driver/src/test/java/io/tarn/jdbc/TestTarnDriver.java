package io.tarn.jdbc;

import org.junit.jupiter.api.Test;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestTarnDriver {

    @Test
    void registeredThroughTheServiceFile() throws SQLException {
        Driver driver = DriverManager.getDriver("jdbc:tarn:mem:");
        assertInstanceOf(TarnDriver.class, driver);
        assertTrue(driver.acceptsURL("jdbc:tarn:/tmp/warehouse"));
        assertFalse(driver.acceptsURL("jdbc:avatica:remote:url=http://localhost"));
    }

    @Test
    void versionComesFromTheBuild() throws SQLException {
        String version = TarnDriver.projectVersion();
        assertTrue(version.matches("\\d+\\.\\d+.*"), version);
        Driver driver = DriverManager.getDriver("jdbc:tarn:mem:");
        assertEquals(Integer.parseInt(version.split("\\.")[0]), driver.getMajorVersion());
        assertEquals(Integer.parseInt(version.split("\\.")[1]), driver.getMinorVersion());
    }

    @Test
    void foreignUrlsAreNotOurs() throws SQLException {
        assertNull(new TarnDriver().connect("jdbc:duckdb:", new Properties()));
    }

    @Test
    void missingWarehouseIsAConnectionError() {
        SQLException error = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:tarn:"));
        assertEquals("08001", error.getSQLState());
    }
}
