package io.tarn.catalog.spi;

import java.util.List;
import java.util.Optional;

/**
 * The persistent catalog of one warehouse: schemas, tables (Iceberg, plain Parquet) and views.
 * Names are case-insensitive and stored lower-case. Every mutation is atomic: on failure nothing changes.
 * Errors are {@link CatalogException}s with a SQLState.
 */
public interface Warehouse extends AutoCloseable {

    List<String> listSchemas();

    boolean schemaExists(String schema);

    void createSchema(String schema, boolean ifNotExists);

    /** Drops a schema; without {@code cascade} it must be empty. */
    void dropSchema(String schema, boolean ifExists, boolean cascade);

    /** Tables of a schema (not views), sorted by name. */
    List<String> listTables(String schema);

    Optional<Table> getTable(String schema, String name);

    Table createTable(TableDefinition definition);

    void dropTable(String schema, String name, boolean ifExists);

    /** Views of a schema, sorted by name. */
    List<String> listViews(String schema);

    Optional<ViewDefinition> getView(String schema, String name);

    void createView(ViewDefinition view, boolean replace);

    void dropView(String schema, String name, boolean ifExists);

    /** A read-only table over local Parquet files: a file, a directory, or a glob; hive-style key=value directories become columns. */
    Table readParquet(String pathOrGlob);

    @Override
    void close();
}
