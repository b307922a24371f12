package io.tarn.sql.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.sql.SqlDrop;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code DROP <object> [IF EXISTS] name}, where the operator's name is {@code DROP <object>}. */
public abstract class SqlDropObject extends SqlDrop {
    private final SqlIdentifier name;

    SqlDropObject(SqlOperator operator, SqlParserPos pos, boolean ifExists, SqlIdentifier name) {
        super(operator, pos, ifExists);
        this.name = requireNonNull(name, "name is null");
    }

    public SqlIdentifier getName() {
        return name;
    }

    public boolean isIfExists() {
        return ifExists;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(name, Operands.flag(ifExists));
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword(getOperator().getName());
        if (ifExists) {
            writer.keyword("IF EXISTS");
        }
        name.unparse(writer, leftPrec, rightPrec);
    }
}
