package io.tarn.sql.parser.ddl;

import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code DROP VIEW [IF EXISTS] name}. */
public final class SqlDropView extends SqlDropObject {
    public static final SqlOperator OPERATOR = new StatementOperator("DROP VIEW", SqlKind.DROP_VIEW,
            (pos, operands) -> new SqlDropView(pos, Operands.flag(operands.get(1)), (SqlIdentifier) operands.get(0)));

    public SqlDropView(SqlParserPos pos, boolean ifExists, SqlIdentifier name) {
        super(OPERATOR, pos, ifExists, name);
    }
}
