package io.tarn.jdbc;

import io.tarn.catalog.spi.Table;
import io.tarn.catalog.spi.ViewDefinition;
import io.tarn.catalog.spi.Warehouse;
import io.tarn.catalog.type.Column;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.catalog.type.TypeKind;
import org.apache.calcite.avatica.MetaImpl.MetaColumn;
import org.apache.calcite.avatica.MetaImpl.MetaSchema;
import org.apache.calcite.avatica.MetaImpl.MetaTable;
import org.apache.calcite.avatica.MetaImpl.MetaTypeInfo;

import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Answers {@link DatabaseMetaData} questions from the warehouse catalog. Tarn has no catalogs above schemas, so
 * TABLE_CAT is always null and a non-empty catalog filter matches nothing. Rows come in the order JDBC specifies.
 */
final class WarehouseMetadata {

    static final String TABLE = "TABLE";
    static final String VIEW = "VIEW";

    private final Warehouse warehouse;

    WarehouseMetadata(Warehouse warehouse) {
        this.warehouse = Objects.requireNonNull(warehouse, "warehouse is null");
    }

    List<MetaSchema> schemas(String catalog, String schemaPattern) {
        List<MetaSchema> rows = new ArrayList<>();
        for (String schema : schemas(catalog, LikePattern.of(schemaPattern))) {
            rows.add(new MetaSchema(null, schema));
        }
        return rows;
    }

    /** Tables then views (JDBC orders by TABLE_TYPE, then schema and name); {@code types} null means all. */
    List<MetaTable> tables(String catalog, String schemaPattern, String tablePattern, List<String> types) {
        LikePattern tableNames = LikePattern.of(tablePattern);
        List<MetaTable> rows = new ArrayList<>();
        for (String type : List.of(TABLE, VIEW)) {
            if (types != null && types.stream().noneMatch(type::equalsIgnoreCase)) {
                continue;
            }
            for (String schema : schemas(catalog, LikePattern.of(schemaPattern))) {
                List<String> names = type.equals(TABLE) ? warehouse.listTables(schema) : warehouse.listViews(schema);
                for (String name : sorted(names)) {
                    if (tableNames.matches(name)) {
                        rows.add(new MetaTable(null, schema, name, type));
                    }
                }
            }
        }
        return rows;
    }

    List<MetaColumn> columns(String catalog, String schemaPattern, String tablePattern, String columnPattern) {
        LikePattern columnNames = LikePattern.of(columnPattern);
        List<MetaTable> tables = new ArrayList<>(tables(catalog, schemaPattern, tablePattern, null));
        tables.sort(Comparator.comparing((MetaTable t) -> t.tableSchem).thenComparing(t -> t.tableName));
        List<MetaColumn> rows = new ArrayList<>();
        for (MetaTable table : tables) {
            Optional<RowSchema> schema = columnsOf(table);
            if (schema.isEmpty()) {
                continue; // dropped between listing and lookup
            }
            List<Column> columns = schema.get().columns();
            for (int i = 0; i < columns.size(); i++) {
                Column column = columns.get(i);
                if (columnNames.matches(column.name())) {
                    rows.add(column(table, column, i + 1));
                }
            }
        }
        return rows;
    }

    /** One row per declarable type, ordered by DATA_TYPE as JDBC asks. */
    static List<MetaTypeInfo> typeInfo() {
        List<MetaTypeInfo> rows = new ArrayList<>();
        for (TypeKind kind : TypeKind.values()) {
            if (!JdbcTypes.isDeclarable(kind)) {
                continue;
            }
            DataType type = representative(kind);
            boolean exact = kind.isInteger() || kind == TypeKind.DECIMAL;
            String quote = kind.isString() ? "'" : null;
            rows.add(new MetaTypeInfo(JdbcTypes.typeName(type).replaceAll("<.*", ""), JdbcTypes.sqlType(type),
                    JdbcTypes.columnSize(type), quote, quote, (short) DatabaseMetaData.typeNullable,
                    kind.isString(), (short) DatabaseMetaData.typeSearchable, false, exact, false,
                    exact ? (short) 0 : null, exact ? (short) (kind == TypeKind.DECIMAL ? 38 : 0) : null,
                    kind.isNumeric() ? 10 : 0));
        }
        rows.sort(Comparator.comparingInt(row -> row.dataType));
        return rows;
    }

    private List<String> schemas(String catalog, LikePattern pattern) {
        if (catalog != null && !catalog.isEmpty()) {
            return List.of();
        }
        List<String> result = new ArrayList<>();
        for (String schema : sorted(warehouse.listSchemas())) {
            if (pattern.matches(schema)) {
                result.add(schema);
            }
        }
        return result;
    }

    private Optional<RowSchema> columnsOf(MetaTable table) {
        if (table.tableType.equals(TABLE)) {
            return warehouse.getTable(table.tableSchem, table.tableName).map(Table::schema);
        }
        return warehouse.getView(table.tableSchem, table.tableName).map(ViewDefinition::columns);
    }

    private static MetaColumn column(MetaTable table, Column column, int ordinal) {
        DataType type = column.type();
        return new MetaColumn(null, table.tableSchem, table.tableName, column.name(), JdbcTypes.sqlType(type),
                JdbcTypes.typeName(type), JdbcTypes.columnSize(type), JdbcTypes.decimalDigits(type),
                JdbcTypes.numericPrecisionRadix(type), JdbcTypes.nullability(type), JdbcTypes.charOctetLength(type),
                ordinal, type.nullable() ? "YES" : "NO");
    }

    /** The type {@link #typeInfo} describes for a kind: the widest a user can declare. */
    private static DataType representative(TypeKind kind) {
        return switch (kind) {
            case DECIMAL -> DataType.decimal(38, 0);
            case STRUCT -> DataType.struct(List.of(), List.of());
            case LIST -> DataType.list(DataType.of(TypeKind.NULL));
            case MAP -> DataType.map(DataType.of(TypeKind.NULL), DataType.of(TypeKind.NULL));
            default -> DataType.of(kind);
        };
    }

    private static List<String> sorted(List<String> names) {
        List<String> copy = new ArrayList<>(names);
        copy.sort(Comparator.naturalOrder());
        return copy;
    }
}
