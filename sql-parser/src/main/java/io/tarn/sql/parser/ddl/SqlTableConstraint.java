package io.tarn.sql.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code [CONSTRAINT name] PRIMARY KEY (column, ...)} or {@code [CONSTRAINT name] UNIQUE (column, ...)} of
 * {@code CREATE TABLE}. A column-level {@code PRIMARY KEY} or {@code UNIQUE} is parsed into one of these too.
 */
public final class SqlTableConstraint extends SqlCall {
    public static final SqlOperator PRIMARY_KEY = new StatementOperator("PRIMARY KEY", SqlKind.PRIMARY_KEY,
            (pos, operands) -> new SqlTableConstraint(pos, true, (SqlIdentifier) operands.get(0),
                    (SqlNodeList) operands.get(1)));
    public static final SqlOperator UNIQUE = new StatementOperator("UNIQUE", SqlKind.UNIQUE,
            (pos, operands) -> new SqlTableConstraint(pos, false, (SqlIdentifier) operands.get(0),
                    (SqlNodeList) operands.get(1)));

    private final boolean primaryKey;
    private final SqlIdentifier name;
    private final SqlNodeList columns;

    /**
     * @param primaryKey true for PRIMARY KEY, false for UNIQUE
     * @param name the constraint's name, or null when not given
     * @param columns the constrained columns as {@link SqlIdentifier}s, not empty
     */
    public SqlTableConstraint(SqlParserPos pos, boolean primaryKey, SqlIdentifier name, SqlNodeList columns) {
        super(pos);
        this.primaryKey = primaryKey;
        this.name = name;
        this.columns = requireNonNull(columns, "columns is null");
    }

    public boolean isPrimaryKey() {
        return primaryKey;
    }

    /** The name after CONSTRAINT, or null when not given. */
    public SqlIdentifier getName() {
        return name;
    }

    public SqlNodeList getColumns() {
        return columns;
    }

    public List<String> getColumnNames() {
        return columns.stream().map(column -> ((SqlIdentifier) column).getSimple()).toList();
    }

    @Override
    public SqlOperator getOperator() {
        return primaryKey ? PRIMARY_KEY : UNIQUE;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return Arrays.asList(name, columns);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        if (name != null) {
            writer.keyword("CONSTRAINT");
            name.unparse(writer, 0, 0);
        }
        writer.keyword(getOperator().getName());
        Unparsing.parenthesizedList(writer, columns);
    }
}
