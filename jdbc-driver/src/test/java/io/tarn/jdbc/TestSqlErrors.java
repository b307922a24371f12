package io.tarn.jdbc;

import io.tarn.catalog.spi.CatalogException;
import io.tarn.catalog.spi.TarnException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class TestSqlErrors {

    @Test
    void tarnExceptionKeepsStateAndMessage() {
        SQLException error = SqlErrors.toSqlException(
                new CatalogException(CatalogException.UNDEFINED_TABLE, "table main.t does not exist"));
        assertEquals("42P01", error.getSQLState());
        assertEquals("table main.t does not exist", error.getMessage());
    }

    @Test
    void positionIsAppendedWhenKnown() {
        TarnException parse = new TarnException("42601", "syntax error near 'FORM'", 2, 7, null);
        SQLException error = SqlErrors.toSqlException(parse);
        assertEquals("42601", error.getSQLState());
        assertEquals("syntax error near 'FORM' at line 2, column 7", error.getMessage());
        assertSame(parse, error.getCause());
    }

    @Test
    void positionIsNotRepeated() {
        TarnException parse = new TarnException("42601", "Encountered \"day\" at line 1, column 9.", 1, 9, null);
        assertEquals("Encountered \"day\" at line 1, column 9.", SqlErrors.toSqlException(parse).getMessage());
    }

    @Test
    void tarnExceptionIsFoundThroughWrappers() {
        TarnException cause = new TarnException("22012", "division by zero");
        SQLException wrapped = new SQLException("Error while executing SQL \"select 1/0\"", new RuntimeException(cause));
        SQLException error = SqlErrors.toSqlException(wrapped);
        assertEquals("22012", error.getSQLState());
        assertEquals("division by zero", error.getMessage());
    }

    @Test
    void otherFailuresAreInternalErrors() {
        SQLException error = SqlErrors.toSqlException(new IllegalStateException("boom"));
        assertEquals(SqlErrors.INTERNAL_ERROR, error.getSQLState());
        assertEquals("boom", error.getMessage());
    }

    @Test
    void sqlExceptionWithStateIsKept() {
        SQLException original = new SQLException("bad url", "08001");
        assertSame(original, SqlErrors.toSqlException(original));
    }
}
