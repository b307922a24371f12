package io.tarn.planner.catalog;

import io.tarn.planner.convert.PlanningException;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.util.SqlShuttle;

import java.util.List;
import java.util.Locale;

/**
 * Turns {@code FROM read_parquet('path')} into a reference to the table {@code "$read_parquet"."path"}, which
 * {@link TarnCalciteSchema} resolves to the files: the files are then planned exactly like a table (projection and
 * filter pushdown, pruning, statistics), with no table-function machinery.
 */
public final class ReadParquetRewriter extends SqlShuttle {
    public static final String SCHEMA = "$read_parquet";
    private static final String FUNCTION = "read_parquet";

    public static SqlNode rewrite(SqlNode node) {
        return node.accept(new ReadParquetRewriter());
    }

    @Override
    public SqlNode visit(SqlCall call) {
        if (call.getKind() == SqlKind.COLLECTION_TABLE && call.operand(0) instanceof SqlBasicCall function
                && function.getOperator().getName().toLowerCase(Locale.ROOT).equals(FUNCTION)) {
            List<SqlNode> arguments = function.getOperandList();
            if (arguments.size() != 1 || !(arguments.get(0) instanceof SqlCharStringLiteral path)) {
                throw new PlanningException(PlanningException.INVALID_PARAMETER,
                        "read_parquet takes one string literal: a file, directory or glob", call.getParserPosition().getLineNum(),
                        call.getParserPosition().getColumnNum(), null);
            }
            return new SqlIdentifier(List.of(SCHEMA, path.getValueAs(String.class)), call.getParserPosition());
        }
        return super.visit(call);
    }
}
