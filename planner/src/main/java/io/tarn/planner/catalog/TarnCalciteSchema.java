package io.tarn.planner.catalog;

import io.tarn.catalog.spi.Warehouse;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.schema.lookup.Named;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The warehouse as Calcite sees it while planning one statement: the root holds one sub-schema per warehouse
 * schema and the {@code read_parquet} function. Tables and views are loaded on first lookup and kept for the
 * statement, so a statement sees one consistent version of each table.
 */
public final class TarnCalciteSchema {
    private TarnCalciteSchema() {
    }

    public static Schema root(Warehouse warehouse) {
        return new Root(warehouse);
    }

    private static final class Root extends AbstractSchema {
        private final Warehouse warehouse;
        private final Map<String, Optional<Schema>> schemas = new HashMap<>();

        Root(Warehouse warehouse) {
            this.warehouse = warehouse;
        }

        @Override
        public Lookup<? extends Schema> subSchemas() {
            return new CachingLookup<>(schemas, name -> {
                if (name.equals(ReadParquetRewriter.SCHEMA)) {
                    return Optional.of(new ParquetFiles(warehouse));
                }
                return warehouse.schemaExists(name) ? Optional.of(new SchemaOfTables(warehouse, name)) : Optional.empty();
            }, () -> warehouse.listSchemas());
        }
    }

    /** The tables {@link ReadParquetRewriter} refers to: each name is a path or glob, case-sensitive. */
    private static final class ParquetFiles extends AbstractSchema {
        private final Warehouse warehouse;
        private final Map<String, Table> tables = new HashMap<>();

        ParquetFiles(Warehouse warehouse) {
            this.warehouse = warehouse;
        }

        @Override
        public Lookup<Table> tables() {
            return new Lookup<>() {
                @Override
                public Table get(String path) {
                    return tables.computeIfAbsent(path, p -> new TarnCalciteTable(warehouse.readParquet(p)));
                }

                @Override
                public Named<Table> getIgnoreCase(String path) {
                    return new Named<>(path, get(path));
                }

                @Override
                public Set<String> getNames(LikePattern pattern) {
                    return Set.copyOf(tables.keySet());
                }
            };
        }
    }

    private static final class SchemaOfTables extends AbstractSchema {
        private final Warehouse warehouse;
        private final String schema;
        private final Map<String, Optional<Table>> tables = new HashMap<>();

        SchemaOfTables(Warehouse warehouse, String schema) {
            this.warehouse = warehouse;
            this.schema = schema;
        }

        @Override
        public Lookup<Table> tables() {
            return new CachingLookup<>(tables, this::load, () -> {
                List<String> names = new java.util.ArrayList<>(warehouse.listTables(schema));
                names.addAll(warehouse.listViews(schema));
                return names;
            });
        }

        private Optional<Table> load(String name) {
            Optional<Table> table = warehouse.getTable(schema, name).map(TarnCalciteTable::new);
            if (table.isPresent()) {
                return table;
            }
            return warehouse.getView(schema, name).map(TarnViewTable::new);
        }
    }

    /** Names are stored lower-case; a lookup loads an entry once and remembers misses too. */
    private static final class CachingLookup<T> implements Lookup<T> {
        private final Map<String, Optional<T>> cache;
        private final java.util.function.Function<String, Optional<T>> loader;
        private final java.util.function.Supplier<List<String>> lister;

        CachingLookup(Map<String, Optional<T>> cache, java.util.function.Function<String, Optional<T>> loader,
                      java.util.function.Supplier<List<String>> lister) {
            this.cache = cache;
            this.loader = loader;
            this.lister = lister;
        }

        @Override
        public T get(String name) {
            return cache.computeIfAbsent(name, loader).orElse(null);
        }

        @Override
        public Named<T> getIgnoreCase(String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            T entity = get(lower);
            return entity == null ? null : new Named<>(lower, entity);
        }

        @Override
        public Set<String> getNames(LikePattern pattern) {
            Predicate<String> matcher = pattern.matcher()::apply;
            Set<String> names = new TreeSet<>();
            for (String name : lister.get()) {
                if (matcher.test(name)) {
                    names.add(name);
                }
            }
            return names;
        }
    }
}
