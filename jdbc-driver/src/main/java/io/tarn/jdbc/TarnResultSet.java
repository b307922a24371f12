package io.tarn.jdbc;

import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.TimeZone;

/** A result set whose rows are read lazily; errors raised while reading carry the engine's SQLState. */
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
}
