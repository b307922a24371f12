package io.tarn.sql.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code CREATE SCHEMA [IF NOT EXISTS] name}. */
public final class SqlCreateSchema extends SqlCreate {
    public static final SqlOperator OPERATOR = new StatementOperator("CREATE SCHEMA", SqlKind.CREATE_SCHEMA,
            (pos, operands) -> new SqlCreateSchema(pos, Operands.flag(operands.get(1)),
                    (SqlIdentifier) operands.get(0)));

    private final SqlIdentifier name;

    public SqlCreateSchema(SqlParserPos pos, boolean ifNotExists, SqlIdentifier name) {
        super(OPERATOR, pos, false, ifNotExists);
        this.name = requireNonNull(name, "name is null");
    }

    public SqlIdentifier getName() {
        return name;
    }

    public boolean isIfNotExists() {
        return ifNotExists;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(name, Operands.flag(ifNotExists));
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("CREATE SCHEMA");
        if (ifNotExists) {
            writer.keyword("IF NOT EXISTS");
        }
        name.unparse(writer, leftPrec, rightPrec);
    }
}
