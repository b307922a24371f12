package io.tarn.sql.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code CREATE [OR REPLACE] VIEW [IF NOT EXISTS] name [(column, ...)] AS query}. */
public final class SqlCreateView extends SqlCreate {
    public static final SqlOperator OPERATOR = new StatementOperator("CREATE VIEW", SqlKind.CREATE_VIEW,
            (pos, operands) -> new SqlCreateView(pos, Operands.flag(operands.get(1)),
                    Operands.flag(operands.get(2)), (SqlIdentifier) operands.get(0), Operands.list(operands.get(3)),
                    operands.get(4)));

    private final SqlIdentifier name;
    private final SqlNodeList columns;
    private final SqlNode query;

    /** @param columns the view's column names as {@link SqlIdentifier}s; empty to take the query's names */
    public SqlCreateView(SqlParserPos pos, boolean orReplace, boolean ifNotExists, SqlIdentifier name,
            SqlNodeList columns, SqlNode query) {
        super(OPERATOR, pos, orReplace, ifNotExists);
        this.name = requireNonNull(name, "name is null");
        this.columns = requireNonNull(columns, "columns is null");
        this.query = requireNonNull(query, "query is null");
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

    /** Column names as {@link SqlIdentifier}s; empty when the view takes the query's column names. */
    public SqlNodeList getColumns() {
        return columns;
    }

    public List<String> getColumnNames() {
        return columns.stream().map(column -> ((SqlIdentifier) column).getSimple()).toList();
    }

    public SqlNode getQuery() {
        return query;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(name, Operands.flag(getReplace()), Operands.flag(ifNotExists), columns, query);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("CREATE");
        if (getReplace()) {
            writer.keyword("OR REPLACE");
        }
        writer.keyword("VIEW");
        if (ifNotExists) {
            writer.keyword("IF NOT EXISTS");
        }
        name.unparse(writer, leftPrec, rightPrec);
        if (!columns.isEmpty()) {
            Unparsing.parenthesizedList(writer, columns);
        }
        Unparsing.asQuery(writer, query);
    }
}
