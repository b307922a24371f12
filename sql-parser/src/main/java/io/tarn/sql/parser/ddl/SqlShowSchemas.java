package io.tarn.sql.parser.ddl;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code SHOW SCHEMAS}. */
public final class SqlShowSchemas extends SqlCall {
    public static final SqlOperator OPERATOR = new StatementOperator("SHOW SCHEMAS", SqlKind.OTHER,
            (pos, operands) -> new SqlShowSchemas(pos));

    public SqlShowSchemas(SqlParserPos pos) {
        super(pos);
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of();
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("SHOW SCHEMAS");
    }
}
