package io.tarn.sql.parser.ddl;

import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code DROP TABLE [IF EXISTS] name}. */
public final class SqlDropTable extends SqlDropObject {
    public static final SqlOperator OPERATOR = new StatementOperator("DROP TABLE", SqlKind.DROP_TABLE,
            (pos, operands) -> new SqlDropTable(pos, Operands.flag(operands.get(1)), (SqlIdentifier) operands.get(0)));

    public SqlDropTable(SqlParserPos pos, boolean ifExists, SqlIdentifier name) {
        super(OPERATOR, pos, ifExists, name);
    }
}
