package io.tarn.jdbc;

import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;

import java.sql.SQLException;

/** A plain statement; {@link #cancel()} stops the query running in the connection's session. */
public final class TarnStatement extends AvaticaStatement {

    private final TarnConnection tarnConnection;

    TarnStatement(TarnConnection connection, Meta.StatementHandle h, int resultSetType, int resultSetConcurrency,
                  int resultSetHoldability) {
        super(connection, h, resultSetType, resultSetConcurrency, resultSetHoldability);
        this.tarnConnection = connection;
    }

    @Override
    protected void executeInternal(String sql) throws SQLException {
        try {
            super.executeInternal(sql);
        } catch (SQLException | RuntimeException e) {
            throw SqlErrors.toSqlException(e);
        }
    }

    /**
     * Cancels the running query from any thread. Not synchronized (unlike Avatica's) so that it does not wait for a
     * thread that holds the statement while executing.
     */
    @Override
    public void cancel() throws SQLException {
        checkOpen();
        tarnConnection.tarnMeta().session().cancel();
        super.cancel();
    }

    /** The engine's message for the last DDL or DML statement (e.g. {@code CREATE TABLE}), or null after a query. */
    public String updateMessage() {
        return tarnConnection.tarnMeta().updateMessage(handle.id);
    }
}
