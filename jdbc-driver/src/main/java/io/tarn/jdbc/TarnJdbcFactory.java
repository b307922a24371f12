package io.tarn.jdbc;

import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaDatabaseMetaData;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaResultSetMetaData;
import org.apache.calcite.avatica.AvaticaSpecificDatabaseMetaData;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.UnregisteredDriver;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Properties;
import java.util.TimeZone;

/** Creates Tarn's JDBC objects, which map errors to SQLStates and forward cancellation to the session. */
public final class TarnJdbcFactory implements AvaticaFactory {

    @Override
    public int getJdbcMajorVersion() {
        return 4;
    }

    @Override
    public int getJdbcMinorVersion() {
        return 1;
    }

    @Override
    public AvaticaConnection newConnection(UnregisteredDriver driver, AvaticaFactory factory, String url,
                                           Properties info) {
        return new TarnConnection(driver, factory, url, info);
    }

    @Override
    public AvaticaStatement newStatement(AvaticaConnection connection, Meta.StatementHandle h, int resultSetType,
                                         int resultSetConcurrency, int resultSetHoldability) {
        return new TarnStatement((TarnConnection) connection, h, resultSetType, resultSetConcurrency,
                resultSetHoldability);
    }

    @Override
    public AvaticaPreparedStatement newPreparedStatement(AvaticaConnection connection, Meta.StatementHandle h,
                                                         Meta.Signature signature, int resultSetType,
                                                         int resultSetConcurrency, int resultSetHoldability)
            throws SQLException {
        return new TarnPreparedStatement((TarnConnection) connection, h, signature, resultSetType,
                resultSetConcurrency, resultSetHoldability);
    }

    @Override
    public AvaticaResultSet newResultSet(AvaticaStatement statement, QueryState state, Meta.Signature signature,
                                         TimeZone timeZone, Meta.Frame firstFrame) throws SQLException {
        return new TarnResultSet(statement, state, signature, newResultSetMetaData(statement, signature), timeZone,
                firstFrame);
    }

    @Override
    public AvaticaSpecificDatabaseMetaData newDatabaseMetaData(AvaticaConnection connection) {
        return new TarnDatabaseMetaData(connection);
    }

    @Override
    public ResultSetMetaData newResultSetMetaData(AvaticaStatement statement, Meta.Signature signature) {
        return new AvaticaResultSetMetaData(statement, null, signature);
    }

    /**
     * Avatica's metadata (product name and version come from the driver), corrected where Tarn differs from
     * Avatica's defaults: writable, names stored lower-case, double-quoted identifiers, no catalogs in SQL.
     */
    private static final class TarnDatabaseMetaData extends AvaticaDatabaseMetaData {
        TarnDatabaseMetaData(AvaticaConnection connection) {
            super(connection);
        }

        @Override
        public boolean isReadOnly() {
            return false;
        }

        @Override
        public boolean storesLowerCaseIdentifiers() {
            return true;
        }

        @Override
        public boolean storesUpperCaseIdentifiers() {
            return false;
        }

        @Override
        public boolean storesMixedCaseIdentifiers() {
            return false;
        }

        @Override
        public String getIdentifierQuoteString() {
            return "\"";
        }

        @Override
        public boolean supportsCatalogsInDataManipulation() {
            return false;
        }

        @Override
        public boolean supportsCatalogsInTableDefinitions() {
            return false;
        }
    }
}
