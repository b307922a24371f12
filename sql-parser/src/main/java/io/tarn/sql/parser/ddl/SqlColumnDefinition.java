package io.tarn.sql.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * One column of {@code CREATE TABLE}: {@code name type [NOT NULL]}. A column-level PRIMARY KEY or UNIQUE is held by
 * {@link SqlCreateTable#getConstraints()}.
 */
public final class SqlColumnDefinition extends SqlCall {
    public static final SqlOperator OPERATOR = new StatementOperator("COLUMN", SqlKind.COLUMN_DECL,
            (pos, operands) -> new SqlColumnDefinition(pos, (SqlIdentifier) operands.get(0),
                    ((SqlDataTypeSpec) operands.get(1)).withNullable(Operands.flag(operands.get(2)))));

    private final SqlIdentifier name;
    private final SqlDataTypeSpec dataType;

    /** {@code dataType.getNullable()} says whether the column is nullable; null there means nullable. */
    public SqlColumnDefinition(SqlParserPos pos, SqlIdentifier name, SqlDataTypeSpec dataType) {
        super(pos);
        this.name = requireNonNull(name, "name is null");
        this.dataType = requireNonNull(dataType, "dataType is null");
    }

    public SqlIdentifier getName() {
        return name;
    }

    /** The declared type, carrying the column's nullability (so {@code deriveType} yields the right type). */
    public SqlDataTypeSpec getDataType() {
        return dataType;
    }

    public boolean isNullable() {
        return !Boolean.FALSE.equals(dataType.getNullable());
    }

    /** This column declared NOT NULL. */
    public SqlColumnDefinition notNull() {
        return new SqlColumnDefinition(getParserPosition(), name, dataType.withNullable(false));
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(name, dataType, Operands.flag(isNullable()));
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        name.unparse(writer, 0, 0);
        dataType.unparse(writer, 0, 0);
        if (!isNullable()) {
            writer.keyword("NOT NULL");
        }
    }
}
