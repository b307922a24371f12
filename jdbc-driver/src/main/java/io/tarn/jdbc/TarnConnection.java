package io.tarn.jdbc;

import io.tarn.catalog.spi.Warehouse;
import io.tarn.planner.engine.QueryProfile;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.UnregisteredDriver;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;

/** A connection to one warehouse; errors leave it usable and carry the engine's SQLState. */
public final class TarnConnection extends AvaticaConnection {

    TarnConnection(UnregisteredDriver driver, AvaticaFactory factory, String url, Properties info) {
        super(driver, factory, url, info);
    }

    /** Connection property that carries the URL to {@link #tarnUrl()}. */
    static final String URL_PROPERTY = "tarn.url";

    /** Called while the superclass constructor creates the Meta: only fields of AvaticaConnection are set then. */
    TarnUrl tarnUrl() {
        try {
            return TarnUrl.parse(info.getProperty(URL_PROPERTY));
        } catch (SQLException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    TarnMeta tarnMeta() {
        return (TarnMeta) meta;
    }

    /** The catalog of this connection's warehouse, for tools that load data directly (e.g. the TPC-H generator). */
    public Warehouse warehouse() {
        return tarnMeta().warehouse();
    }

    /** Planning time and peak memory of the last query this connection ran (complete once its rows are read). */
    public QueryProfile lastQueryProfile() {
        return tarnMeta().session().lastQueryProfile();
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency,
                                              int resultSetHoldability) throws SQLException {
        try {
            return super.prepareStatement(sql, resultSetType, resultSetConcurrency, resultSetHoldability);
        } catch (SQLException | RuntimeException e) {
            throw SqlErrors.toSqlException(e);
        }
    }

    @Override
    protected ResultSet executeQueryInternal(AvaticaStatement statement, Meta.Signature signature,
                                             Meta.Frame firstFrame, QueryState state, boolean isUpdate)
            throws SQLException {
        try {
            return super.executeQueryInternal(statement, signature, firstFrame, state, isUpdate);
        } catch (SQLException | RuntimeException e) {
            throw SqlErrors.toSqlException(e);
        }
    }

    @Override
    public void setSchema(String schema) throws SQLException {
        try {
            super.setSchema(schema);
        } catch (RuntimeException e) {
            throw SqlErrors.toSqlException(e);
        }
    }
}
