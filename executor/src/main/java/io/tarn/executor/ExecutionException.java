package io.tarn.executor;

import io.tarn.catalog.spi.TarnException;

/** A failure while running a query, with its SQLState. */
public class ExecutionException extends TarnException {
    public static final String DIVISION_BY_ZERO = "22012";
    public static final String NUMERIC_OUT_OF_RANGE = "22003";
    public static final String INVALID_CAST = "22018";
    public static final String INVALID_DATETIME = "22007";
    public static final String CARDINALITY_VIOLATION = "21000";
    public static final String DATA_EXCEPTION = "22000";
    public static final String OUT_OF_MEMORY = "53200";
    public static final String QUERY_CANCELED = "57014";
    public static final String INTERNAL_ERROR = "XX000";

    public ExecutionException(String sqlState, String message) {
        super(sqlState, message);
    }

    public ExecutionException(String sqlState, String message, Throwable cause) {
        super(sqlState, message, cause);
    }
}
