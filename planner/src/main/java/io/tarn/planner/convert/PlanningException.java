package io.tarn.planner.convert;

import io.tarn.catalog.spi.TarnException;

/** A statement that cannot be planned: invalid SQL, unknown objects, unsupported features. */
public class PlanningException extends TarnException {
    public static final String SYNTAX_ERROR = "42601";
    public static final String UNDEFINED_TABLE = "42P01";
    public static final String UNDEFINED_COLUMN = "42703";
    public static final String UNDEFINED_FUNCTION = "42883";
    public static final String DATATYPE_MISMATCH = "42804";
    public static final String SYNTAX_ERROR_OR_ACCESS_RULE = "42000";
    public static final String FEATURE_NOT_SUPPORTED = "0A000";
    public static final String INVALID_PARAMETER = "22023";

    public PlanningException(String sqlState, String message) {
        super(sqlState, message);
    }

    public PlanningException(String sqlState, String message, int line, int column, Throwable cause) {
        super(sqlState, message, line, column, cause);
    }
}
