package io.tarn.sql.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code USE schema}: makes {@code schema} the session's current schema. */
public final class SqlUseSchema extends SqlCall {
    public static final SqlOperator OPERATOR = new StatementOperator("USE", SqlKind.OTHER,
            (pos, operands) -> new SqlUseSchema(pos, (SqlIdentifier) operands.get(0)));

    private final SqlIdentifier schema;

    public SqlUseSchema(SqlParserPos pos, SqlIdentifier schema) {
        super(pos);
        this.schema = requireNonNull(schema, "schema is null");
    }

    public SqlIdentifier getSchema() {
        return schema;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(schema);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("USE");
        schema.unparse(writer, leftPrec, rightPrec);
    }
}
