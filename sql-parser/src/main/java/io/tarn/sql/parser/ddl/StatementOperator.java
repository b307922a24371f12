package io.tarn.sql.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Operator of a Tarn statement node. It rebuilds the node from its operand list, so {@code SqlNode.clone} and
 * {@code SqlShuttle} keep the node's class instead of degrading it to a {@code SqlBasicCall}.
 */
final class StatementOperator extends SqlSpecialOperator {
    /** Builds a node from the operands its {@code getOperandList()} returned, in the same order. */
    @FunctionalInterface
    interface NodeFactory {
        SqlCall create(SqlParserPos pos, List<SqlNode> operands);
    }

    private final NodeFactory factory;

    StatementOperator(String name, SqlKind kind, NodeFactory factory) {
        super(name, kind);
        this.factory = requireNonNull(factory, "factory is null");
    }

    @Override
    public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
        return factory.create(pos, Arrays.asList(operands));
    }
}
