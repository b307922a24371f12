package io.tarn.jdbc;

import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.ConnectStringParser;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.UnregisteredDriver;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The embedded Tarn JDBC driver: {@code jdbc:tarn:/path/to/warehouse}, {@code jdbc:tarn:mem:} or
 * {@code jdbc:tarn:mem:NAME}, optionally followed by {@code ;key=value} connection properties (e.g.
 * {@code timeZone=UTC}). Registered with {@link java.sql.DriverManager} when the class loads.
 */
public final class TarnDriver extends UnregisteredDriver {

    public static final String PRODUCT_NAME = "Tarn";

    static {
        new TarnDriver().register();
    }

    @Override
    protected String getConnectStringPrefix() {
        return TarnUrl.PREFIX;
    }

    @Override
    protected String getFactoryClassName(JdbcVersion jdbcVersion) {
        return TarnJdbcFactory.class.getName();
    }

    @Override
    protected DriverVersion createDriverVersion() {
        String version = projectVersion();
        int major = versionPart(version, 0);
        int minor = versionPart(version, 1);
        return new DriverVersion("Tarn JDBC Driver", version, PRODUCT_NAME, version, false, major, minor, major, minor);
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        TarnUrl parsed = TarnUrl.parse(url);
        Properties properties = ConnectStringParser.parse(parsed.options(), info); // a copy: info stays unchanged
        properties.setProperty(TarnConnection.URL_PROPERTY, url);
        try {
            AvaticaConnection connection = factory.newConnection(this, factory, url, properties);
            handler.onConnectionInit(connection);
            return connection;
        } catch (RuntimeException e) {
            throw SqlErrors.toSqlException(e);
        }
    }

    @Override
    public Meta createMeta(AvaticaConnection connection) {
        TarnConnection tarnConnection = (TarnConnection) connection;
        return new TarnMeta(tarnConnection, EngineRegistry.acquire(tarnConnection.tarnUrl()));
    }

    /** The project version baked into the jar at build time. */
    static String projectVersion() {
        Properties properties = new Properties();
        try (InputStream in = TarnDriver.class.getResourceAsStream("tarn-jdbc.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // Fall through to "unknown": a missing version must not prevent connecting.
        }
        return properties.getProperty("version", "unknown");
    }

    private static int versionPart(String version, int index) {
        String[] parts = version.split("[.-]");
        try {
            return index < parts.length ? Integer.parseInt(parts[index]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
