package io.tarn.catalog;

import io.tarn.catalog.iceberg.IcebergTable;
import io.tarn.catalog.iceberg.IcebergTables;
import io.tarn.catalog.iceberg.LocalFileIO;
import io.tarn.catalog.parquet.ParquetTable;
import io.tarn.catalog.spi.CatalogException;
import io.tarn.catalog.spi.Table;
import io.tarn.catalog.spi.TableDefinition;
import io.tarn.catalog.spi.TableFormat;
import io.tarn.catalog.spi.ViewDefinition;
import io.tarn.catalog.spi.Warehouse;
import io.tarn.catalog.type.Column;
import io.tarn.catalog.type.RowSchema;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.jdbc.JdbcCatalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * A warehouse directory whose whole catalog is one SQLite file, {@code catalog.db}: Iceberg's JdbcCatalog tables
 * (namespaces = schemas, Iceberg tables) plus Tarn's own tables for views and plain-Parquet tables. Table data lives
 * under {@code <dir>/<schema>/<table>/}. Catalog operations are serialized; scans and appends run concurrently.
 * Lookups ({@link #getTable}, {@link #getView}) of an unknown schema return empty; every other operation on an
 * unknown schema fails with 3F000.
 */
public final class TarnWarehouse implements Warehouse {
    public static final String DEFAULT_SCHEMA = "main";
    private static final String NOT_SUPPORTED = "0A000";

    private final Path directory;
    private final JdbcCatalog iceberg;
    private final MetadataStore store;

    private TarnWarehouse(Path directory, JdbcCatalog iceberg, MetadataStore store) {
        this.directory = directory;
        this.iceberg = iceberg;
        this.store = store;
    }

    /** Opens the warehouse in {@code dir}, creating the directory, the catalog and schema {@code main} when missing. */
    public static TarnWarehouse open(Path dir) {
        requireNonNull(dir, "dir is null");
        Path directory = dir.toAbsolutePath().normalize();
        String url = "jdbc:sqlite:" + directory.resolve("catalog.db");
        try {
            Files.createDirectories(directory);
            Map<String, String> properties = new HashMap<>();
            properties.put(CatalogProperties.URI, url);
            properties.put(CatalogProperties.WAREHOUSE_LOCATION, directory.toString());
            properties.put(CatalogProperties.FILE_IO_IMPL, LocalFileIO.class.getName());
            properties.put("jdbc.schema-version", "V1");
            // SQLite allows one writer; wait for the lock instead of failing at once
            properties.put("jdbc.busy_timeout", "10000");
            JdbcCatalog catalog = new JdbcCatalog();
            catalog.initialize("tarn", properties);
            Properties connectionProperties = new Properties();
            connectionProperties.setProperty("busy_timeout", "10000");
            MetadataStore store = new MetadataStore(DriverManager.getConnection(url, connectionProperties));
            TarnWarehouse warehouse = new TarnWarehouse(directory, catalog, store);
            warehouse.createSchema(DEFAULT_SCHEMA, true);
            return warehouse;
        } catch (IOException | SQLException | RuntimeException e) {
            if (e instanceof CatalogException catalogException) {
                throw catalogException;
            }
            throw new CatalogException(CatalogException.IO_ERROR, "cannot open warehouse " + directory + ": " + e.getMessage(), e);
        }
    }

    public Path directory() {
        return directory;
    }

    private static String normalize(String name) {
        return requireNonNull(name, "name is null").toLowerCase(Locale.ROOT);
    }

    private static Namespace namespace(String schema) {
        return Namespace.of(schema);
    }

    private void requireSchema(String schema) {
        if (!iceberg.namespaceExists(namespace(schema))) {
            throw new CatalogException(CatalogException.UNDEFINED_SCHEMA, "schema " + schema + " does not exist");
        }
    }

    @Override
    public synchronized List<String> listSchemas() {
        List<String> schemas = new ArrayList<>();
        for (Namespace namespace : iceberg.listNamespaces()) {
            schemas.add(namespace.level(0));
        }
        schemas.sort(Comparator.naturalOrder());
        return schemas;
    }

    @Override
    public synchronized boolean schemaExists(String schema) {
        return iceberg.namespaceExists(namespace(normalize(schema)));
    }

    @Override
    public synchronized void createSchema(String schema, boolean ifNotExists) {
        String name = normalize(schema);
        if (iceberg.namespaceExists(namespace(name))) {
            if (ifNotExists) {
                return;
            }
            throw new CatalogException(CatalogException.DUPLICATE_SCHEMA, "schema " + name + " already exists");
        }
        iceberg.createNamespace(namespace(name), Map.of());
    }

    @Override
    public synchronized void dropSchema(String schema, boolean ifExists, boolean cascade) {
        String name = normalize(schema);
        if (!iceberg.namespaceExists(namespace(name))) {
            if (ifExists) {
                return;
            }
            throw new CatalogException(CatalogException.UNDEFINED_SCHEMA, "schema " + name + " does not exist");
        }
        if (name.equals(DEFAULT_SCHEMA)) {
            throw new CatalogException(NOT_SUPPORTED, "schema " + DEFAULT_SCHEMA + " cannot be dropped");
        }
        List<String> tables = listTables(name);
        List<String> views = listViews(name);
        if (!cascade && (!tables.isEmpty() || !views.isEmpty())) {
            throw new CatalogException(CatalogException.SCHEMA_NOT_EMPTY, "schema " + name + " is not empty ("
                    + tables.size() + " tables, " + views.size() + " views); use CASCADE");
        }
        for (String view : views) {
            store.deleteView(name, view);
        }
        for (String table : tables) {
            dropTable(name, table, true);
        }
        iceberg.dropNamespace(namespace(name));
        try {
            // only if empty: an external table may keep its files under the schema directory
            Files.deleteIfExists(directory.resolve(name));
        } catch (IOException e) {
            // not empty or not deletable: leftovers are harmless
        }
    }

    @Override
    public synchronized List<String> listTables(String schema) {
        String name = normalize(schema);
        requireSchema(name);
        List<String> tables = new ArrayList<>();
        for (TableIdentifier identifier : iceberg.listTables(namespace(name))) {
            tables.add(identifier.name());
        }
        tables.addAll(store.parquetTableNames(name));
        tables.sort(Comparator.naturalOrder());
        return tables;
    }

    @Override
    public synchronized Optional<Table> getTable(String schema, String name) {
        String schemaName = normalize(schema);
        String tableName = normalize(name);
        if (!iceberg.namespaceExists(namespace(schemaName))) {
            return Optional.empty();
        }
        String qualified = schemaName + "." + tableName;
        try {
            return Optional.of(new IcebergTable(qualified, iceberg.loadTable(TableIdentifier.of(schemaName, tableName))));
        } catch (NoSuchTableException e) {
            return store.parquetTable(schemaName, tableName)
                    .map(entry -> ParquetTable.catalogTable(qualified, entry.location(), entry.columns(), entry.managed()));
        } catch (CatalogException e) {
            throw e;
        } catch (RuntimeException e) {
            // e.g. a metadata file deleted behind the catalog's back
            throw new CatalogException(CatalogException.IO_ERROR, "cannot load table " + qualified + ": " + e.getMessage(), e);
        }
    }

    private boolean relationExists(String schema, String name) {
        return iceberg.tableExists(TableIdentifier.of(schema, name)) || store.parquetTable(schema, name).isPresent()
                || store.view(schema, name).isPresent();
    }

    @Override
    public synchronized Table createTable(TableDefinition definition) {
        requireNonNull(definition, "definition is null");
        String schema = normalize(definition.schema());
        String name = normalize(definition.name());
        requireSchema(schema);
        if (relationExists(schema, name)) {
            Optional<Table> existing = getTable(schema, name);
            if (definition.ifNotExists() && existing.isPresent()) {
                return existing.get();
            }
            throw new CatalogException(CatalogException.DUPLICATE_TABLE, "relation " + schema + "." + name + " already exists");
        }
        checkColumnNames(definition.columns());
        String qualified = schema + "." + name;
        return switch (definition.format()) {
            case ICEBERG -> new IcebergTable(qualified, IcebergTables.create(iceberg, TableIdentifier.of(schema, name), definition));
            case PARQUET -> createParquetTable(schema, name, definition);
            case DELTA -> throw new CatalogException(NOT_SUPPORTED, "creating DELTA tables is not supported");
        };
    }

    /** Fails with 42701 when two columns share a name (case-insensitive). */
    private static void checkColumnNames(RowSchema columns) {
        Set<String> seen = new HashSet<>();
        for (Column column : columns.columns()) {
            if (!seen.add(column.name().toLowerCase(Locale.ROOT))) {
                throw new CatalogException("42701", "column " + column.name() + " is specified more than once");
            }
        }
    }

    private Table createParquetTable(String schema, String name, TableDefinition definition) {
        if (!definition.partitionColumns().isEmpty()) {
            throw new CatalogException(NOT_SUPPORTED, "PARTITIONED BY is not supported for PARQUET tables; "
                    + "hive-style key=value directories under LOCATION are discovered automatically");
        }
        boolean managed = definition.location().isEmpty();
        String location = definition.location().orElse(defaultLocation(schema, name).toString());
        boolean declared = definition.columns().size() > 0;
        if (managed && !declared) {
            throw new CatalogException(CatalogException.INVALID_DEFINITION, "table " + schema + "." + name
                    + " needs columns or a LOCATION to infer them from");
        }
        Table table = ParquetTable.catalogTable(schema + "." + name, location, declared ? definition.columns() : null, managed);
        if (managed) {
            try {
                Files.createDirectories(Path.of(location));
            } catch (IOException e) {
                throw new CatalogException(CatalogException.IO_ERROR, "cannot create directory " + location, e);
            }
        }
        store.insertParquetTable(new MetadataStore.ParquetTableEntry(schema, name, location, managed,
                declared ? definition.columns() : null));
        return table;
    }

    @Override
    public synchronized void dropTable(String schema, String name, boolean ifExists) {
        String schemaName = normalize(schema);
        String tableName = normalize(name);
        requireSchema(schemaName);
        TableIdentifier identifier = TableIdentifier.of(schemaName, tableName);
        if (iceberg.tableExists(identifier)) {
            Path location = LocalFileIO.toPath(iceberg.loadTable(identifier).location()).toAbsolutePath().normalize();
            iceberg.dropTable(identifier, true);
            if (location.equals(defaultLocation(schemaName, tableName))) {
                deleteQuietly(location);
            }
            return;
        }
        Optional<MetadataStore.ParquetTableEntry> parquet = store.parquetTable(schemaName, tableName);
        if (parquet.isPresent()) {
            store.deleteParquetTable(schemaName, tableName);
            if (parquet.get().managed()) {
                deleteQuietly(Path.of(parquet.get().location()));
            }
            return;
        }
        if (!ifExists) {
            throw new CatalogException(CatalogException.UNDEFINED_TABLE, "table " + schemaName + "." + tableName + " does not exist");
        }
    }

    /** Where a table's data goes unless CREATE TABLE names a LOCATION; Iceberg's JdbcCatalog uses the same layout. */
    private Path defaultLocation(String schema, String table) {
        return directory.resolve(schema).resolve(table);
    }

    /**
     * Removes the directory tree of a table the warehouse placed itself (never a user's LOCATION).
     * Failures are ignored: the catalog change has been made, leftovers are only garbage.
     */
    private void deleteQuietly(Path path) {
        Path target = path.toAbsolutePath().normalize();
        if (!target.startsWith(directory) || target.equals(directory) || !Files.exists(target)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(target)) {
            List<Path> paths = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path p : paths) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException e) {
            // best effort, see above
        }
    }

    @Override
    public synchronized List<String> listViews(String schema) {
        String name = normalize(schema);
        requireSchema(name);
        return store.viewNames(name);
    }

    @Override
    public synchronized Optional<ViewDefinition> getView(String schema, String name) {
        return store.view(normalize(schema), normalize(name));
    }

    @Override
    public synchronized void createView(ViewDefinition view, boolean replace) {
        requireNonNull(view, "view is null");
        String schema = normalize(view.schema());
        String name = normalize(view.name());
        requireSchema(schema);
        if (iceberg.tableExists(TableIdentifier.of(schema, name)) || store.parquetTable(schema, name).isPresent()) {
            throw new CatalogException(CatalogException.DUPLICATE_TABLE, "relation " + schema + "." + name + " already exists");
        }
        if (!replace && store.view(schema, name).isPresent()) {
            throw new CatalogException(CatalogException.DUPLICATE_TABLE, "view " + schema + "." + name + " already exists");
        }
        String resolution = view.resolutionSchema() == null ? schema : normalize(view.resolutionSchema());
        store.putView(new ViewDefinition(schema, name, view.sql(), resolution, view.columns()));
    }

    @Override
    public synchronized void dropView(String schema, String name, boolean ifExists) {
        String schemaName = normalize(schema);
        String viewName = normalize(name);
        requireSchema(schemaName);
        if (store.view(schemaName, viewName).isEmpty()) {
            if (ifExists) {
                return;
            }
            throw new CatalogException(CatalogException.UNDEFINED_TABLE, "view " + schemaName + "." + viewName + " does not exist");
        }
        store.deleteView(schemaName, viewName);
    }

    @Override
    public Table readParquet(String pathOrGlob) {
        requireNonNull(pathOrGlob, "pathOrGlob is null");
        return ParquetTable.open("read_parquet('" + pathOrGlob + "')", pathOrGlob);
    }

    @Override
    public synchronized void close() {
        try {
            iceberg.close();
        } finally {
            store.close();
        }
    }
}
