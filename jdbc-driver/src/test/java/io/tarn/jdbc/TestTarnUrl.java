package io.tarn.jdbc;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestTarnUrl {

    @Test
    void absoluteDirectory() throws SQLException {
        TarnUrl url = TarnUrl.parse("jdbc:tarn:/data/wh/../warehouse");
        assertEquals(TarnUrl.Kind.DIRECTORY, url.kind());
        assertEquals(Path.of("/data/warehouse"), url.directory());
        assertEquals("", url.options());
        assertFalse(url.isPrivate());
    }

    @Test
    void relativeDirectoryResolvesAgainstWorkingDirectory() throws SQLException {
        TarnUrl url = TarnUrl.parse("jdbc:tarn:warehouse");
        assertEquals(Path.of(System.getProperty("user.dir"), "warehouse").toAbsolutePath().normalize(), url.directory());
    }

    @Test
    void tildeExpandsToHome() throws SQLException {
        TarnUrl url = TarnUrl.parse("jdbc:tarn:~/lake;timeZone=UTC");
        assertEquals(Path.of(System.getProperty("user.home"), "lake").normalize(), url.directory());
        assertEquals("timeZone=UTC", url.options());
    }

    @Test
    void sameWarehouseSharesOneKey() throws SQLException {
        assertEquals(TarnUrl.parse("jdbc:tarn:/a/b").engineKey(), TarnUrl.parse("jdbc:tarn:/a/./c/../b").engineKey());
    }

    @Test
    void memoryWarehouses() throws SQLException {
        TarnUrl anonymous = TarnUrl.parse("jdbc:tarn:mem:");
        assertEquals(TarnUrl.Kind.MEMORY, anonymous.kind());
        assertTrue(anonymous.isPrivate());

        TarnUrl named = TarnUrl.parse("jdbc:tarn:mem:shared;fetchSize=10");
        assertFalse(named.isPrivate());
        assertEquals("mem:shared", named.engineKey());
        assertEquals("fetchSize=10", named.options());
    }

    @Test
    void rejectsMissingLocationAndForeignUrls() {
        SQLException missing = assertThrows(SQLException.class, () -> TarnUrl.parse("jdbc:tarn:"));
        assertEquals("08001", missing.getSQLState());
        assertThrows(SQLException.class, () -> TarnUrl.parse("jdbc:duckdb:"));
    }
}
