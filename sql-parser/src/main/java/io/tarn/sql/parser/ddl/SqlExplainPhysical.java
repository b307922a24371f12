package io.tarn.sql.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code EXPLAIN statement}: show Tarn's physical plan for a query or DML statement. Its kind is
 * {@link SqlKind#OTHER}, not {@link SqlKind#EXPLAIN}, which belongs to Calcite's {@code EXPLAIN PLAN FOR}.
 */
public final class SqlExplainPhysical extends SqlCall {
    public static final SqlOperator OPERATOR = new StatementOperator("EXPLAIN", SqlKind.OTHER,
            (pos, operands) -> new SqlExplainPhysical(pos, operands.get(0)));

    private final SqlNode statement;

    public SqlExplainPhysical(SqlParserPos pos, SqlNode statement) {
        super(pos);
        this.statement = requireNonNull(statement, "statement is null");
    }

    /** The query (SELECT, VALUES, WITH, ...) or DML statement (INSERT, UPDATE, DELETE, MERGE) to explain. */
    public SqlNode getStatement() {
        return statement;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(statement);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("EXPLAIN");
        statement.unparse(writer, 0, 0);
    }
}
