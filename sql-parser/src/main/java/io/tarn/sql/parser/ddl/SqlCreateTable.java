package io.tarn.sql.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code CREATE [OR REPLACE] TABLE [IF NOT EXISTS] name [(column type [NOT NULL], ..., [constraint, ...])]
 * [USING format] [PARTITIONED BY (column, ...)] [LOCATION 'path'] [AS query]}.
 *
 * <p>The parser guarantees: not both OR REPLACE and IF NOT EXISTS; columns, a location or a query are given;
 * no column list together with a query; constraints only beside columns, at most one of them a PRIMARY KEY; the
 * format, if given, is one of {@link #FORMATS}. It does not check that constraints name declared columns.
 */
public final class SqlCreateTable extends SqlCreate {
    /** Table formats accepted after USING, lower case. */
    public static final List<String> FORMATS = List.of("iceberg", "parquet", "delta");

    public static final SqlOperator OPERATOR = new StatementOperator("CREATE TABLE", SqlKind.CREATE_TABLE,
            (pos, operands) -> new SqlCreateTable(pos, Operands.flag(operands.get(1)),
                    Operands.flag(operands.get(2)), (SqlIdentifier) operands.get(0), Operands.list(operands.get(3)),
                    Operands.text(operands.get(4)), Operands.list(operands.get(5)),
                    Operands.text(operands.get(6)), operands.get(7), Operands.list(operands.get(8))));

    private final SqlIdentifier name;
    private final SqlNodeList columns;
    private final String format;
    private final SqlNodeList partitionColumns;
    private final String location;
    private final SqlNode query;
    private final SqlNodeList constraints;

    /**
     * @param columns {@link SqlColumnDefinition}s, empty when the schema comes from the location or the query
     * @param format lower-case format name, or null when not given
     * @param partitionColumns {@link SqlIdentifier}s, empty when not partitioned
     * @param location path or URI, or null when not given
     * @param query the AS query, or null
     * @param constraints {@link SqlTableConstraint}s, column-level ones included; empty when none were declared.
     *     Columns named by the PRIMARY KEY become NOT NULL, as the SQL standard implies.
     */
    public SqlCreateTable(SqlParserPos pos, boolean orReplace, boolean ifNotExists, SqlIdentifier name,
            SqlNodeList columns, String format, SqlNodeList partitionColumns, String location, SqlNode query,
            SqlNodeList constraints) {
        super(OPERATOR, pos, orReplace, ifNotExists);
        this.name = requireNonNull(name, "name is null");
        this.constraints = requireNonNull(constraints, "constraints is null");
        this.columns = primaryKeyColumnsNotNull(requireNonNull(columns, "columns is null"), getPrimaryKey());
        this.format = format;
        this.partitionColumns = requireNonNull(partitionColumns, "partitionColumns is null");
        this.location = location;
        this.query = query;
    }

    public SqlIdentifier getName() {
        return name;
    }

    public boolean isOrReplace() {
        return getReplace();
    }

    public boolean isIfNotExists() {
        return ifNotExists;
    }

    /** The declared columns as {@link SqlColumnDefinition}s; empty when none were declared. */
    public SqlNodeList getColumns() {
        return columns;
    }

    /** The declared columns, typed. */
    public List<SqlColumnDefinition> getColumnDefinitions() {
        return columns.stream().map(SqlColumnDefinition.class::cast).toList();
    }

    /** Lower-case table format from USING (one of {@link #FORMATS}), or null when not given. */
    public String getFormat() {
        return format;
    }

    /** Partition columns as {@link SqlIdentifier}s; empty when the table is not partitioned. */
    public SqlNodeList getPartitionColumns() {
        return partitionColumns;
    }

    public List<String> getPartitionColumnNames() {
        return partitionColumns.stream().map(column -> ((SqlIdentifier) column).getSimple()).toList();
    }

    /** The LOCATION path or URI, or null when not given. */
    public String getLocation() {
        return location;
    }

    /** The AS query, or null. */
    public SqlNode getQuery() {
        return query;
    }

    /** PRIMARY KEY and UNIQUE constraints as {@link SqlTableConstraint}s; empty when none were declared. */
    public SqlNodeList getConstraints() {
        return constraints;
    }

    /** The PRIMARY KEY's column names in key order; empty when there is none. */
    public List<String> getPrimaryKey() {
        return typedConstraints().stream().filter(SqlTableConstraint::isPrimaryKey).findFirst()
                .map(SqlTableConstraint::getColumnNames).orElse(List.of());
    }

    /** The column names of each UNIQUE constraint, in declaration order. */
    public List<List<String>> getUniqueKeys() {
        return typedConstraints().stream().filter(constraint -> !constraint.isPrimaryKey())
                .map(SqlTableConstraint::getColumnNames).toList();
    }

    private List<SqlTableConstraint> typedConstraints() {
        return constraints.stream().map(SqlTableConstraint.class::cast).toList();
    }

    private static SqlNodeList primaryKeyColumnsNotNull(SqlNodeList columns, List<String> primaryKey) {
        if (primaryKey.isEmpty()) {
            return columns;
        }
        Set<String> keyColumns = Set.copyOf(primaryKey);
        List<SqlNode> result = new ArrayList<>(columns.size());
        for (SqlNode node : columns) {
            SqlColumnDefinition column = (SqlColumnDefinition) node;
            result.add(keyColumns.contains(column.getName().getSimple()) ? column.notNull() : column);
        }
        return new SqlNodeList(result, columns.getParserPosition());
    }

    @Override
    public List<SqlNode> getOperandList() {
        return Arrays.asList(name, Operands.flag(getReplace()), Operands.flag(ifNotExists), columns,
                Operands.text(format), partitionColumns, Operands.text(location), query, constraints);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("CREATE");
        if (getReplace()) {
            writer.keyword("OR REPLACE");
        }
        writer.keyword("TABLE");
        if (ifNotExists) {
            writer.keyword("IF NOT EXISTS");
        }
        name.unparse(writer, leftPrec, rightPrec);
        if (!columns.isEmpty()) {
            Unparsing.parenthesizedList(writer, Stream.concat(columns.stream(), constraints.stream()).toList());
        }
        if (format != null) {
            writer.keyword("USING");
            writer.keyword(format);
        }
        if (!partitionColumns.isEmpty()) {
            writer.keyword("PARTITIONED BY");
            Unparsing.parenthesizedList(writer, partitionColumns);
        }
        if (location != null) {
            writer.keyword("LOCATION");
            Operands.text(location).unparse(writer, 0, 0);
        }
        if (query != null) {
            Unparsing.asQuery(writer, query);
        }
    }
}
