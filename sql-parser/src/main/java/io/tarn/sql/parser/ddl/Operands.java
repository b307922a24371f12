package io.tarn.sql.parser.ddl;

import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Encodes a node's flags and strings as literal operands, so that {@code equalsDeep} compares them and
 * {@link StatementOperator} can rebuild the node.
 */
final class Operands {
    private Operands() {
    }

    static SqlLiteral flag(boolean value) {
        return SqlLiteral.createBoolean(value, SqlParserPos.ZERO);
    }

    static boolean flag(SqlNode operand) {
        return ((SqlLiteral) operand).booleanValue();
    }

    /** Returns a character literal, or null for an absent string. */
    static SqlLiteral text(String value) {
        return value == null ? null : SqlLiteral.createCharString(value, SqlParserPos.ZERO);
    }

    /** Returns the string of a character literal, or null for an absent one. */
    static String text(SqlNode operand) {
        return operand == null ? null : ((SqlLiteral) operand).getValueAs(String.class);
    }

    /** Returns the list, treating an absent one as empty. */
    static SqlNodeList list(SqlNode operand) {
        return operand == null ? SqlNodeList.EMPTY : (SqlNodeList) operand;
    }
}
