package io.tarn.catalog;

import io.tarn.catalog.spi.CatalogException;
import io.tarn.catalog.spi.Table;
import io.tarn.catalog.spi.TableDefinition;
import io.tarn.catalog.spi.TableFormat;
import io.tarn.catalog.spi.ViewDefinition;
import io.tarn.catalog.type.Column;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.catalog.type.TypeKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestTarnWarehouse {
    static final RowSchema COLUMNS = new RowSchema(List.of(
            new Column("id", DataType.BIGINT.withNullable(false)),
            new Column("tiny", DataType.of(TypeKind.TINYINT)),
            new Column("name", DataType.varchar(20)),
            new Column("tags", DataType.list(DataType.VARCHAR))));

    @TempDir
    Path dir;

    static TableDefinition iceberg(String schema, String name) {
        return new TableDefinition(schema, name, COLUMNS, List.of(), TableFormat.ICEBERG, Optional.empty(), Map.of(), false);
    }

    static void assertState(String sqlState, Executable action) {
        CatalogException e = assertThrows(CatalogException.class, action);
        assertEquals(sqlState, e.sqlState(), e.getMessage());
    }

    @Test
    void schemasTablesAndViewsPersistAcrossReopen() {
        ViewDefinition view = new ViewDefinition("Sales", "Recent", "SELECT id FROM t", "sales",
                new RowSchema(List.of(new Column("id", DataType.BIGINT))));
        try (TarnWarehouse warehouse = TarnWarehouse.open(dir)) {
            assertEquals(List.of("main"), warehouse.listSchemas());
            warehouse.createSchema("Sales", false);
            Table table = warehouse.createTable(iceberg("SALES", "Orders"));
            assertEquals("sales.orders", table.name());
            assertEquals(COLUMNS, table.schema());
            warehouse.createView(view, false);
            warehouse.createTable(new TableDefinition("sales", "raw", COLUMNS.project(new int[] {0, 2}), List.of(),
                    TableFormat.PARQUET, Optional.empty(), Map.of(), false));
        }
        try (TarnWarehouse warehouse = TarnWarehouse.open(dir)) {
            assertEquals(List.of("main", "sales"), warehouse.listSchemas());
            assertTrue(warehouse.schemaExists("SALES"));
            assertEquals(List.of("orders", "raw"), warehouse.listTables("sales"));
            assertEquals(List.of("recent"), warehouse.listViews("sales"));
            Table orders = warehouse.getTable("Sales", "ORDERS").orElseThrow();
            assertEquals(TableFormat.ICEBERG, orders.format());
            assertEquals(COLUMNS, orders.schema(), "declared TINYINT / VARCHAR(20) / NOT NULL survive");
            Table raw = warehouse.getTable("sales", "raw").orElseThrow();
            assertEquals(TableFormat.PARQUET, raw.format());
            assertEquals(COLUMNS.project(new int[] {0, 2}), raw.schema());
            ViewDefinition stored = warehouse.getView("sales", "RECENT").orElseThrow();
            assertEquals(new ViewDefinition("sales", "recent", view.sql(), "sales", view.columns()), stored);
            assertTrue(warehouse.getTable("sales", "recent").isEmpty());
            assertTrue(warehouse.getTable("nowhere", "orders").isEmpty());
        }
    }

    @Test
    void errorsCarrySqlStates() {
        try (TarnWarehouse warehouse = TarnWarehouse.open(dir)) {
            assertState(CatalogException.UNDEFINED_SCHEMA, () -> warehouse.createTable(iceberg("nope", "t")));
            assertState(CatalogException.UNDEFINED_SCHEMA, () -> warehouse.listTables("nope"));
            assertState(CatalogException.UNDEFINED_SCHEMA, () -> warehouse.dropSchema("nope", false, false));
            warehouse.dropSchema("nope", true, false);
            assertState(CatalogException.DUPLICATE_SCHEMA, () -> warehouse.createSchema("MAIN", false));
            warehouse.createSchema("main", true);

            warehouse.createTable(iceberg("main", "t"));
            assertState(CatalogException.DUPLICATE_TABLE, () -> warehouse.createTable(iceberg("main", "T")));
            TableDefinition again = new TableDefinition("main", "t", COLUMNS, List.of(), TableFormat.ICEBERG,
                    Optional.empty(), Map.of(), true);
            assertEquals("main.t", warehouse.createTable(again).name());
            ViewDefinition clash = new ViewDefinition("main", "t", "SELECT 1", "main", COLUMNS);
            assertState(CatalogException.DUPLICATE_TABLE, () -> warehouse.createView(clash, true));

            ViewDefinition view = new ViewDefinition("main", "v", "SELECT 1", "main", COLUMNS);
            warehouse.createView(view, false);
            assertState(CatalogException.DUPLICATE_TABLE, () -> warehouse.createView(view, false));
            warehouse.createView(new ViewDefinition("main", "v", "SELECT 2", "main", COLUMNS), true);
            assertEquals("SELECT 2", warehouse.getView("main", "v").orElseThrow().sql());
            assertState(CatalogException.DUPLICATE_TABLE, () -> warehouse.createTable(iceberg("main", "v")));

            assertState(CatalogException.UNDEFINED_TABLE, () -> warehouse.dropTable("main", "missing", false));
            warehouse.dropTable("main", "missing", true);
            assertState(CatalogException.UNDEFINED_TABLE, () -> warehouse.dropView("main", "missing", false));

            RowSchema duplicate = new RowSchema(List.of(new Column("a", DataType.INTEGER), new Column("A", DataType.INTEGER)));
            assertState("42701", () -> warehouse.createTable(new TableDefinition("main", "d", duplicate, List.of(),
                    TableFormat.ICEBERG, Optional.empty(), Map.of(), false)));
            assertState("42703", () -> warehouse.createTable(new TableDefinition("main", "p", COLUMNS, List.of("zzz"),
                    TableFormat.ICEBERG, Optional.empty(), Map.of(), false)));
            assertState(CatalogException.INVALID_DEFINITION, () -> warehouse.createTable(new TableDefinition("main", "n",
                    new RowSchema(List.of(new Column("x", DataType.of(TypeKind.NULL)))), List.of(), TableFormat.ICEBERG,
                    Optional.empty(), Map.of(), false)));
            assertState(CatalogException.IO_ERROR, () -> warehouse.readParquet(dir.resolve("none/*.parquet").toString()));
            assertFalse(warehouse.getTable("main", "d").isPresent(), "failed create leaves nothing behind");
        }
    }

    @Test
    void missingMetadataIsAnIoErrorNamingTheTable() throws Exception {
        try (TarnWarehouse warehouse = TarnWarehouse.open(dir)) {
            warehouse.createTable(iceberg("main", "gone"));
            try (var files = Files.walk(dir.resolve("main").resolve("gone"))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.delete(file);
                }
            }
            CatalogException e = assertThrows(CatalogException.class, () -> warehouse.getTable("main", "gone"));
            assertEquals(CatalogException.IO_ERROR, e.sqlState());
            assertTrue(e.getMessage().contains("main.gone"), e.getMessage());
        }
    }

    @Test
    void dropSchemaNeedsCascadeWhenNotEmpty() {
        try (TarnWarehouse warehouse = TarnWarehouse.open(dir)) {
            warehouse.createSchema("s", false);
            warehouse.createTable(iceberg("s", "a"));
            warehouse.createTable(new TableDefinition("s", "b", COLUMNS.project(new int[] {0}), List.of(),
                    TableFormat.PARQUET, Optional.empty(), Map.of(), false));
            warehouse.createView(new ViewDefinition("s", "v", "SELECT 1", "s", COLUMNS), false);
            assertTrue(Files.isDirectory(dir.resolve("s").resolve("a")));
            assertTrue(Files.isDirectory(dir.resolve("s").resolve("b")));

            assertState(CatalogException.SCHEMA_NOT_EMPTY, () -> warehouse.dropSchema("s", false, false));
            assertEquals(List.of("a", "b"), warehouse.listTables("s"));

            warehouse.dropSchema("S", false, true);
            assertFalse(warehouse.schemaExists("s"));
            assertFalse(Files.exists(dir.resolve("s")), "table data is deleted");
            warehouse.createSchema("s", false);
            assertEquals(List.of(), warehouse.listTables("s"));
            assertEquals(List.of(), warehouse.listViews("s"));
        }
    }

    @Test
    void sessionsOnSeveralThreadsShareOneWarehouse() throws Exception {
        try (TarnWarehouse warehouse = TarnWarehouse.open(dir)) {
            List<Thread> threads = new java.util.ArrayList<>();
            java.util.concurrent.ConcurrentLinkedQueue<Throwable> failures = new java.util.concurrent.ConcurrentLinkedQueue<>();
            for (int t = 0; t < 4; t++) {
                String schema = "s" + t;
                Thread thread = new Thread(() -> {
                    try {
                        warehouse.createSchema(schema, false);
                        for (int i = 0; i < 3; i++) {
                            warehouse.createTable(iceberg(schema, "t" + i));
                            warehouse.getTable(schema, "t" + i).orElseThrow();
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                });
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            assertEquals(List.of(), List.copyOf(failures));
            for (int t = 0; t < 4; t++) {
                assertEquals(List.of("t0", "t1", "t2"), warehouse.listTables("s" + t));
            }
        }
    }
}
