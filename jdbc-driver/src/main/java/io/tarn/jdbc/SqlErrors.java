package io.tarn.jdbc;

import io.tarn.catalog.spi.TarnException;

import java.sql.SQLException;

/**
 * Turns whatever the engine or Avatica threw into the {@link SQLException} a client sees: a {@link TarnException}
 * anywhere in the cause chain gives its SQLState and message (with the position in the SQL text, when known);
 * anything else is an internal error ({@value #INTERNAL_ERROR}).
 */
public final class SqlErrors {

    public static final String INTERNAL_ERROR = "XX000";
    public static final String QUERY_CANCELED = "57014";

    /** The message Avatica's result set raises when its statement was cancelled. */
    private static final String AVATICA_CANCELED = "Statement canceled";

    private SqlErrors() {
    }

    public static SQLException toSqlException(Throwable error) {
        TarnException tarn = find(error, TarnException.class);
        if (tarn != null) {
            return new SQLException(messageOf(tarn), tarn.sqlState(), tarn);
        }
        if (error instanceof SQLException sql && sql.getSQLState() != null) {
            return sql;
        }
        if (AVATICA_CANCELED.equals(error.getMessage())) {
            return new SQLException("query canceled", QUERY_CANCELED, error);
        }
        Throwable root = rootCause(error);
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return new SQLException(message, INTERNAL_ERROR, error);
    }

    /** The message with {@code " at line L, column C"} appended when the error points into the SQL text. */
    static String messageOf(TarnException error) {
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        String position = "line " + error.line() + ", column " + error.column();
        // Parser messages often name the position already; saying it twice reads badly.
        if (error.line() > 0 && !message.contains(position)) {
            return message + " at " + position;
        }
        return message;
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable current = error; current != null; current = current.getCause()) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable error) {
        Throwable current = error;
        while (current.getCause() != null && current.getCause() != current) {
            current = current.getCause();
        }
        return current;
    }
}
