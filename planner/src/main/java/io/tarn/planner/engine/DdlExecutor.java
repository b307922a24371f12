package io.tarn.planner.engine;

import io.tarn.catalog.spi.CatalogException;
import io.tarn.catalog.spi.Table;
import io.tarn.catalog.spi.TableDefinition;
import io.tarn.catalog.spi.TableFormat;
import io.tarn.catalog.spi.ViewDefinition;
import io.tarn.catalog.type.Column;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.executor.plan.PhysicalNode;
import io.tarn.planner.StatementPlanner;
import io.tarn.planner.convert.PlanningException;
import io.tarn.planner.convert.TypeConverter;
import io.tarn.sql.parser.ddl.SqlColumnDefinition;
import io.tarn.sql.parser.ddl.SqlCreateSchema;
import io.tarn.sql.parser.ddl.SqlCreateTable;
import io.tarn.sql.parser.ddl.SqlCreateView;
import io.tarn.sql.parser.ddl.SqlDropSchema;
import io.tarn.sql.parser.ddl.SqlDropTable;
import io.tarn.sql.parser.ddl.SqlDropView;
import io.tarn.sql.parser.ddl.SqlShowSchemas;
import io.tarn.sql.parser.ddl.SqlShowTables;
import io.tarn.sql.parser.ddl.SqlUseSchema;
import org.apache.calcite.sql.SqlDescribeTable;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSetOption;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlValidator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Executes statements other than queries and INSERT, one overload per statement node (as Calcite's ServerDdlExecutor). */
final class DdlExecutor {
    private final TarnSession session;
    private final io.tarn.catalog.spi.Warehouse warehouse;
    private final String sql;

    DdlExecutor(TarnSession session, io.tarn.catalog.spi.Warehouse warehouse, String sql) {
        this.session = session;
        this.warehouse = warehouse;
        this.sql = sql;
    }

    StatementResult execute(SqlNode node) {
        if (node instanceof SqlCreateSchema n) {
            return execute(n);
        } else if (node instanceof SqlDropSchema n) {
            return execute(n);
        } else if (node instanceof SqlCreateTable n) {
            return execute(n);
        } else if (node instanceof SqlDropTable n) {
            return execute(n);
        } else if (node instanceof SqlCreateView n) {
            return execute(n);
        } else if (node instanceof SqlDropView n) {
            return execute(n);
        } else if (node instanceof SqlShowSchemas) {
            return showSchemas();
        } else if (node instanceof SqlShowTables n) {
            return execute(n);
        } else if (node instanceof SqlUseSchema n) {
            return execute(n);
        } else if (node instanceof SqlDescribeTable n) {
            return execute(n);
        } else if (node instanceof SqlSetOption n) {
            return execute(n);
        }
        throw new PlanningException(PlanningException.FEATURE_NOT_SUPPORTED, "statement not supported yet: " + node.getKind());
    }

    private StatementResult execute(SqlCreateSchema node) {
        warehouse.createSchema(simpleName(node.getName()), node.isIfNotExists());
        return done("CREATE SCHEMA");
    }

    private StatementResult execute(SqlDropSchema node) {
        String schema = simpleName(node.getName());
        warehouse.dropSchema(schema, node.isIfExists(), node.isCascade());
        if (schema.equals(session.currentSchema())) {
            session.setCurrentSchema("main");
        }
        return done("DROP SCHEMA");
    }

    private StatementResult execute(SqlCreateTable node) {
        String schema = session.resolveSchema(node.getName().names);
        String name = objectName(node.getName());
        TableFormat format = TableFormat.valueOf(Optional.ofNullable(node.getFormat()).orElse("iceberg").toUpperCase(Locale.ROOT));
        Optional<String> location = Optional.ofNullable(node.getLocation());
        if (node.isOrReplace()) {
            warehouse.dropTable(schema, name, true);
        }
        if (node.getQuery() == null) {
            RowSchema columns = columns(node);
            warehouse.createTable(new TableDefinition(schema, name, columns, node.getPartitionColumnNames(), format,
                    location, Map.of(), node.isIfNotExists()));
            return done("CREATE TABLE");
        }
        if (node.isIfNotExists() && warehouse.getTable(schema, name).isPresent()) {
            return done("CREATE TABLE");
        }
        PhysicalNode plan = session.planForCreateTableAs(node.getQuery());
        List<Column> columns = new ArrayList<>();
        for (Column column : plan.schema().columns()) {
            DataType type = column.type().kind() == io.tarn.catalog.type.TypeKind.CHAR
                    ? DataType.VARCHAR : column.type();
            columns.add(new Column(column.name(), type.withNullable(true)));
        }
        Table table = warehouse.createTable(new TableDefinition(schema, name, new RowSchema(columns),
                node.getPartitionColumnNames(), format, location, Map.of(), false));
        try {
            long count = session.write(table, plan);
            return new StatementResult.Update(count, "CREATE TABLE " + count);
        } catch (RuntimeException e) {
            // a failed CREATE TABLE AS leaves no table behind
            warehouse.dropTable(schema, name, true);
            throw e;
        }
    }

    private RowSchema columns(SqlCreateTable node) {
        StatementPlanner planner = session.newPlanner();
        SqlValidator validator = planner.newValidator(planner.catalogReader(List.of(session.currentSchema())));
        List<String> primaryKey = lowerCase(node.getPrimaryKey());
        List<Column> columns = new ArrayList<>();
        for (SqlColumnDefinition definition : node.getColumnDefinitions()) {
            DataType type = TypeConverter.toTarn(definition.getDataType().deriveType(validator, true));
            String name = simpleName(definition.getName());
            columns.add(new Column(name, type.withNullable(definition.isNullable() && !primaryKey.contains(name))));
        }
        // PRIMARY KEY and UNIQUE are informational (not enforced), as in Databricks, Snowflake and Trino's Iceberg.
        List<String> names = columns.stream().map(Column::name).toList();
        requireDeclared(primaryKey, names, "PRIMARY KEY");
        for (List<String> key : node.getUniqueKeys()) {
            requireDeclared(lowerCase(key), names, "UNIQUE");
        }
        return new RowSchema(columns);
    }

    private static void requireDeclared(List<String> keyColumns, List<String> declared, String constraint) {
        for (String column : keyColumns) {
            if (!declared.contains(column)) {
                throw new PlanningException(PlanningException.UNDEFINED_COLUMN,
                        constraint + " names column " + column + ", which the table does not declare");
            }
        }
    }

    private static List<String> lowerCase(List<String> names) {
        return names.stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
    }

    private StatementResult execute(SqlDropTable node) {
        warehouse.dropTable(session.resolveSchema(node.getName().names), objectName(node.getName()), node.isIfExists());
        return done("DROP TABLE");
    }

    private StatementResult execute(SqlCreateView node) {
        String schema = session.resolveSchema(node.getName().names);
        String name = objectName(node.getName());
        String queryText = textOf(node.getQuery());
        List<String> columnNames = node.getColumnNames();
        if (!columnNames.isEmpty()) {
            StringBuilder aliases = new StringBuilder();
            for (String column : columnNames) {
                aliases.append(aliases.length() == 0 ? "" : ", ").append('"').append(column.replace("\"", "\"\"")).append('"');
            }
            queryText = "SELECT * FROM (" + queryText + ") AS \"v\"(" + aliases + ")";
        }
        StatementPlanner planner = session.newPlanner();
        StatementPlanner.Validated validated = planner.validate(StatementPlanner.parse(queryText));
        RowSchema columns = TypeConverter.toRowSchema(validated.rowType());
        if (node.isIfNotExists() && warehouse.getView(schema, name).isPresent()) {
            return done("CREATE VIEW");
        }
        warehouse.createView(new ViewDefinition(schema, name, queryText, session.currentSchema(), columns), node.isOrReplace());
        return done("CREATE VIEW");
    }

    private StatementResult execute(SqlDropView node) {
        warehouse.dropView(session.resolveSchema(node.getName().names), objectName(node.getName()), node.isIfExists());
        return done("DROP VIEW");
    }

    private StatementResult showSchemas() {
        List<List<Object>> rows = new ArrayList<>();
        for (String schema : warehouse.listSchemas()) {
            rows.add(List.of(schema));
        }
        return session.rows(List.of("schema_name"), rows);
    }

    private StatementResult execute(SqlShowTables node) {
        String schema = node.getSchema() == null ? session.currentSchema() : simpleName(node.getSchema());
        if (!warehouse.schemaExists(schema)) {
            throw new CatalogException(CatalogException.UNDEFINED_SCHEMA, "schema " + schema + " does not exist");
        }
        List<String> names = new ArrayList<>(warehouse.listTables(schema));
        names.addAll(warehouse.listViews(schema));
        names.sort(null);
        List<List<Object>> rows = new ArrayList<>();
        for (String name : names) {
            rows.add(List.of(name));
        }
        return session.rows(List.of("name"), rows);
    }

    private StatementResult execute(SqlUseSchema node) {
        session.setCurrentSchema(simpleName(node.getSchema()));
        return done("USE " + session.currentSchema());
    }

    private StatementResult execute(SqlDescribeTable node) {
        SqlIdentifier identifier = node.getTable();
        String schema = session.resolveSchema(identifier.names);
        String name = objectName(identifier);
        RowSchema columns = warehouse.getTable(schema, name).map(Table::schema)
                .or(() -> warehouse.getView(schema, name).map(ViewDefinition::columns))
                .orElseThrow(() -> new CatalogException(CatalogException.UNDEFINED_TABLE, "table " + schema + "." + name + " does not exist"));
        List<List<Object>> rows = new ArrayList<>();
        for (Column column : columns.columns()) {
            DataType type = column.type();
            rows.add(List.of(column.name(), type.withNullable(true).toString(), type.nullable() ? "YES" : "NO"));
        }
        return session.rows(List.of("column_name", "column_type", "null"), rows);
    }

    private StatementResult execute(SqlSetOption node) {
        String name = node.getName().toString();
        SqlNode value = node.getValue();
        if (value == null) {
            throw new PlanningException(PlanningException.FEATURE_NOT_SUPPORTED, "RESET is not supported yet");
        }
        String text = value instanceof SqlLiteral literal ? String.valueOf(literal.toValue()) : value.toString();
        session.setSetting(name, text);
        return done("SET");
    }

    private static StatementResult done(String message) {
        return new StatementResult.Update(-1, message);
    }

    private static String simpleName(SqlIdentifier identifier) {
        return identifier.names.get(identifier.names.size() - 1).toLowerCase(Locale.ROOT);
    }

    private static String objectName(SqlIdentifier identifier) {
        if (identifier.names.size() > 2) {
            throw new PlanningException(PlanningException.FEATURE_NOT_SUPPORTED, "names have at most two parts (schema.name): " + identifier);
        }
        return simpleName(identifier);
    }

    /** The original text of a node, so a view keeps the SQL its author wrote. */
    private String textOf(SqlNode node) {
        SqlParserPos pos = node.getParserPosition();
        int start = offset(pos.getLineNum(), pos.getColumnNum());
        int end = offset(pos.getEndLineNum(), pos.getEndColumnNum()) + 1;
        if (start < 0 || end <= start || end > sql.length()) {
            return node.toString();
        }
        String text = sql.substring(start, end);
        // a query in parentheses reports the inner position; keep the text balanced either way
        return balanced(text) ? text : node.toString();
    }

    private int offset(int line, int column) {
        int index = 0;
        for (int current = 1; current < line; current++) {
            index = sql.indexOf('\n', index);
            if (index < 0) {
                return -1;
            }
            index++;
        }
        return index + column - 1;
    }

    private static boolean balanced(String text) {
        int depth = 0;
        for (char c : text.toCharArray()) {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }
}
