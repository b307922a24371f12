package io.tarn.planner.engine;

import io.tarn.catalog.spi.TarnException;
import io.tarn.executor.ExecutionException;
import io.tarn.planner.convert.PlanningException;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.runtime.CalciteException;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.validate.SqlValidatorException;

import java.util.Locale;

/** Maps every failure of a statement to a {@link TarnException} with a standard SQLState, in one place. */
final class ErrorTranslator {
    private ErrorTranslator() {
    }

    static TarnException translate(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof TarnException tarn) {
            return tarn;
        }
        if (cause instanceof SqlParseException parse) {
            String message = firstLine(parse.getMessage());
            org.apache.calcite.sql.parser.SqlParserPos pos = parse.getPos();
            return new PlanningException(PlanningException.SYNTAX_ERROR, message, pos == null ? 0 : pos.getLineNum(),
                    pos == null ? 0 : pos.getColumnNum(), parse);
        }
        if (cause instanceof CalciteContextException context) {
            String message = context.getCause() != null ? context.getCause().getMessage() : context.getMessage();
            return new PlanningException(sqlStateOf(message), message, context.getPosLine(), context.getPosColumn(), context);
        }
        if (cause instanceof SqlValidatorException || cause instanceof CalciteException) {
            return new PlanningException(sqlStateOf(cause.getMessage()), cause.getMessage(), 0, 0, cause);
        }
        if (cause instanceof org.apache.arrow.memory.OutOfMemoryException) {
            return new ExecutionException(ExecutionException.OUT_OF_MEMORY,
                    "query exceeded its memory limit (SET memory_limit to raise it): " + cause.getMessage(), cause);
        }
        if (cause instanceof OutOfMemoryError) {
            return new ExecutionException(ExecutionException.OUT_OF_MEMORY, "out of memory: " + cause.getMessage(), cause);
        }
        if (cause instanceof StackOverflowError) {
            return new PlanningException(PlanningException.SYNTAX_ERROR_OR_ACCESS_RULE, "statement too complex (nested too deeply)", 0, 0, cause);
        }
        return new ExecutionException(ExecutionException.INTERNAL_ERROR, "internal error: " + cause, cause);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof RuntimeException && current.getClass() == RuntimeException.class
                || current instanceof java.lang.reflect.UndeclaredThrowableException
                || current instanceof java.util.concurrent.ExecutionException)
                && current.getCause() != null && current.getCause() != current) {
            current = current.getCause();
        }
        return current;
    }

    private static String sqlStateOf(String message) {
        String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (text.contains("object '") && text.contains("not found") || text.contains("table '") && text.contains("not found")) {
            return PlanningException.UNDEFINED_TABLE;
        }
        if (text.contains("is ambiguous")) {
            return "42702";
        }
        if (text.contains("column '") && text.contains("not found") || text.contains("unknown identifier")) {
            return PlanningException.UNDEFINED_COLUMN;
        }
        if (text.contains("no match found for function") || text.contains("cannot apply")) {
            return PlanningException.UNDEFINED_FUNCTION;
        }
        if (text.contains("cannot assign") || text.contains("type mismatch") || text.contains("cannot be cast")
                || text.contains("incompatible") || text.contains("must be boolean")) {
            return PlanningException.DATATYPE_MISMATCH;
        }
        if (text.contains("schema '") && text.contains("not found")) {
            return "3F000";
        }
        return PlanningException.SYNTAX_ERROR_OR_ACCESS_RULE;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        int newline = message.indexOf('\n');
        String first = newline < 0 ? message : message.substring(0, newline);
        return first.length() < 400 ? first : first.substring(0, 400);
    }
}
