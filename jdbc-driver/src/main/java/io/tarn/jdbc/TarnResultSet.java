package io.tarn.jdbc;

import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.TimeZone;

/**
 * A result set whose rows are read lazily; errors raised while reading carry the engine's SQLState, and closing it
 * stops the query at once rather than when its statement closes.
 */
final class TarnResultSet extends AvaticaResultSet {

    TarnResultSet(AvaticaStatement statement, QueryState state, Meta.Signature signature,
                  ResultSetMetaData metaData, TimeZone timeZone, Meta.Frame firstFrame) throws SQLException {
        super(statement, state, signature, metaData, timeZone, firstFrame);
    }

    @Override
    public boolean next() throws SQLException {
        try {
            return super.next();
        } catch (SQLException | RuntimeException e) {
            throw SqlErrors.toSqlException(e);
        }
    }

    @Override
    public void close() {
        // Closing twice must not stop a query the statement started since.
        boolean wasOpen = isOpen();
        super.close();
        if (wasOpen && statement != null && statement.connection instanceof TarnConnection connection) {
            connection.tarnMeta().closeResult(statement.handle);
        }
    }

    private boolean isOpen() {
        try {
            return !isClosed();
        } catch (SQLException e) {
            return false;
        }
    }
}
