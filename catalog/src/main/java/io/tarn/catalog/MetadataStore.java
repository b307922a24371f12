package io.tarn.catalog;

import io.tarn.catalog.spi.CatalogException;
import io.tarn.catalog.spi.ViewDefinition;
import io.tarn.catalog.type.RowSchema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tarn's own catalog tables, in the same SQLite database as Iceberg's: views and plain-Parquet tables.
 * Not thread-safe; {@link TarnWarehouse} serializes access.
 */
final class MetadataStore implements AutoCloseable {

    /** A registered Parquet table; {@code columns} is null when they are inferred from the files. */
    record ParquetTableEntry(String schema, String name, String location, boolean managed, RowSchema columns) {
    }

    private final Connection connection;

    MetadataStore(Connection connection) {
        this.connection = connection;
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("CREATE TABLE IF NOT EXISTS tarn_views (schema_name TEXT NOT NULL, name TEXT NOT NULL, "
                    + "sql TEXT NOT NULL, resolution_schema TEXT, columns_json TEXT NOT NULL, PRIMARY KEY (schema_name, name))");
            statement.executeUpdate("CREATE TABLE IF NOT EXISTS tarn_parquet_tables (schema_name TEXT NOT NULL, "
                    + "name TEXT NOT NULL, location TEXT NOT NULL, managed INTEGER NOT NULL, columns_json TEXT, "
                    + "PRIMARY KEY (schema_name, name))");
        } catch (SQLException e) {
            throw failure("create catalog tables", e);
        }
    }

    List<String> viewNames(String schema) {
        return names("SELECT name FROM tarn_views WHERE schema_name = ? ORDER BY name", schema);
    }

    List<String> parquetTableNames(String schema) {
        return names("SELECT name FROM tarn_parquet_tables WHERE schema_name = ? ORDER BY name", schema);
    }

    Optional<ViewDefinition> view(String schema, String name) {
        String sql = "SELECT sql, resolution_schema, columns_json FROM tarn_views WHERE schema_name = ? AND name = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, schema);
            statement.setString(2, name);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ViewDefinition(schema, name, rows.getString(1), rows.getString(2),
                        SchemaJson.readRowSchema(rows.getString(3))));
            }
        } catch (SQLException e) {
            throw failure("read view " + schema + "." + name, e);
        }
    }

    void putView(ViewDefinition view) {
        String sql = "INSERT OR REPLACE INTO tarn_views (schema_name, name, sql, resolution_schema, columns_json) VALUES (?, ?, ?, ?, ?)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, view.schema());
            statement.setString(2, view.name());
            statement.setString(3, view.sql());
            statement.setString(4, view.resolutionSchema());
            statement.setString(5, SchemaJson.write(view.columns()));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw failure("store view " + view.schema() + "." + view.name(), e);
        }
    }

    Optional<ParquetTableEntry> parquetTable(String schema, String name) {
        String sql = "SELECT location, managed, columns_json FROM tarn_parquet_tables WHERE schema_name = ? AND name = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, schema);
            statement.setString(2, name);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                String columns = rows.getString(3);
                return Optional.of(new ParquetTableEntry(schema, name, rows.getString(1), rows.getInt(2) != 0,
                        columns == null ? null : SchemaJson.readRowSchema(columns)));
            }
        } catch (SQLException e) {
            throw failure("read table " + schema + "." + name, e);
        }
    }

    void insertParquetTable(ParquetTableEntry entry) {
        String sql = "INSERT INTO tarn_parquet_tables (schema_name, name, location, managed, columns_json) VALUES (?, ?, ?, ?, ?)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, entry.schema());
            statement.setString(2, entry.name());
            statement.setString(3, entry.location());
            statement.setInt(4, entry.managed() ? 1 : 0);
            statement.setString(5, entry.columns() == null ? null : SchemaJson.write(entry.columns()));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw failure("store table " + entry.schema() + "." + entry.name(), e);
        }
    }

    void deleteView(String schema, String name) {
        delete("DELETE FROM tarn_views WHERE schema_name = ? AND name = ?", schema, name);
    }

    void deleteParquetTable(String schema, String name) {
        delete("DELETE FROM tarn_parquet_tables WHERE schema_name = ? AND name = ?", schema, name);
    }

    private void delete(String sql, String schema, String name) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, schema);
            statement.setString(2, name);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw failure("delete " + schema + "." + name, e);
        }
    }

    private List<String> names(String sql, String schema) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, schema);
            List<String> names = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            return names;
        } catch (SQLException e) {
            throw failure("list schema " + schema, e);
        }
    }

    private static CatalogException failure(String action, SQLException e) {
        return new CatalogException(CatalogException.IO_ERROR, "catalog database: cannot " + action + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw failure("close", e);
        }
    }
}
