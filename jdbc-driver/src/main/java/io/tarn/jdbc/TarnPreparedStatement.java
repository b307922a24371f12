package io.tarn.jdbc;

import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.Meta;

import java.sql.SQLException;

/** A statement prepared once by the session and executed with bound parameters. */
final class TarnPreparedStatement extends AvaticaPreparedStatement {

    private final TarnConnection tarnConnection;

    TarnPreparedStatement(TarnConnection connection, Meta.StatementHandle h, Meta.Signature signature,
                          int resultSetType, int resultSetConcurrency, int resultSetHoldability) throws SQLException {
        super(connection, h, signature, resultSetType, resultSetConcurrency, resultSetHoldability);
        this.tarnConnection = connection;
    }

    /** Cancels the running query from any thread, without waiting for the statement's monitor. */
    @Override
    public void cancel() throws SQLException {
        checkOpen();
        tarnConnection.tarnMeta().session().cancel();
        super.cancel();
    }
}
