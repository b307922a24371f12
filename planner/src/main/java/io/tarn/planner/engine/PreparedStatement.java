package io.tarn.planner.engine;

import io.tarn.catalog.type.RowSchema;

import java.util.List;

/**
 * A statement parsed and validated once. {@code resultSchema} is empty for statements that return no rows.
 * Executing binds parameter values (canonical Java form) and plans with them.
 */
public interface PreparedStatement {
    String sql();

    List<Parameter> parameters();

    RowSchema resultSchema();

    boolean returnsRows();

    StatementResult execute(List<Object> parameterValues);
}
