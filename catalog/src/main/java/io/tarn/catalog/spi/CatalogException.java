package io.tarn.catalog.spi;

/** A catalog or storage failure, with the SQLState the client sees. */
public class CatalogException extends TarnException {
    public static final String UNDEFINED_TABLE = "42P01";
    public static final String UNDEFINED_SCHEMA = "3F000";
    public static final String DUPLICATE_TABLE = "42P07";
    public static final String DUPLICATE_SCHEMA = "42P06";
    public static final String SCHEMA_NOT_EMPTY = "2BP01";
    public static final String READ_ONLY = "25006";
    public static final String DATA_EXCEPTION = "22000";
    public static final String IO_ERROR = "58030";
    public static final String INVALID_DEFINITION = "42P16";

    public CatalogException(String sqlState, String message) {
        super(sqlState, message);
    }

    public CatalogException(String sqlState, String message, Throwable cause) {
        super(sqlState, message, cause);
    }
}
