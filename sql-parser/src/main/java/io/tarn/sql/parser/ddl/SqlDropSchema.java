package io.tarn.sql.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.sql.SqlDrop;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code DROP SCHEMA [IF EXISTS] name [CASCADE | RESTRICT]}; RESTRICT, the default, is not recorded. */
public final class SqlDropSchema extends SqlDrop {
    public static final SqlOperator OPERATOR = new StatementOperator("DROP SCHEMA", SqlKind.DROP_SCHEMA,
            (pos, operands) -> new SqlDropSchema(pos, Operands.flag(operands.get(1)),
                    (SqlIdentifier) operands.get(0), Operands.flag(operands.get(2))));

    private final SqlIdentifier name;
    private final boolean cascade;

    public SqlDropSchema(SqlParserPos pos, boolean ifExists, SqlIdentifier name, boolean cascade) {
        super(OPERATOR, pos, ifExists);
        this.name = requireNonNull(name, "name is null");
        this.cascade = cascade;
    }

    public SqlIdentifier getName() {
        return name;
    }

    public boolean isIfExists() {
        return ifExists;
    }

    /** True for CASCADE: drop the schema's tables and views too; false: fail if the schema is not empty. */
    public boolean isCascade() {
        return cascade;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(name, Operands.flag(ifExists), Operands.flag(cascade));
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("DROP SCHEMA");
        if (ifExists) {
            writer.keyword("IF EXISTS");
        }
        name.unparse(writer, leftPrec, rightPrec);
        if (cascade) {
            writer.keyword("CASCADE");
        }
    }
}
