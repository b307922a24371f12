package io.tarn.sql.parser.ddl;

import java.util.Collections;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code SHOW TABLES [FROM | IN schema]}. */
public final class SqlShowTables extends SqlCall {
    public static final SqlOperator OPERATOR = new StatementOperator("SHOW TABLES", SqlKind.OTHER,
            (pos, operands) -> new SqlShowTables(pos, (SqlIdentifier) operands.get(0)));

    private final SqlIdentifier schema;

    /** @param schema the schema to list, or null for the session's current schema */
    public SqlShowTables(SqlParserPos pos, SqlIdentifier schema) {
        super(pos);
        this.schema = schema;
    }

    /** The schema to list, or null for the session's current schema. */
    public SqlIdentifier getSchema() {
        return schema;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return Collections.singletonList(schema);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("SHOW TABLES");
        if (schema != null) {
            writer.keyword("FROM");
            schema.unparse(writer, leftPrec, rightPrec);
        }
    }
}
