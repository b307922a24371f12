package io.tarn.catalog.spi;

/**
 * Base of every error Tarn reports to a client: carries the SQLState and, where the error is about the SQL text, the
 * 1-based line and column (0 when unknown). Each layer throws its own subclass; the JDBC driver maps all of them.
 */
public class TarnException extends RuntimeException {
    private final String sqlState;
    private final int line;
    private final int column;

    public TarnException(String sqlState, String message) {
        this(sqlState, message, 0, 0, null);
    }

    public TarnException(String sqlState, String message, Throwable cause) {
        this(sqlState, message, 0, 0, cause);
    }

    public TarnException(String sqlState, String message, int line, int column, Throwable cause) {
        super(message, cause);
        this.sqlState = sqlState;
        this.line = line;
        this.column = column;
    }

    public String sqlState() {
        return sqlState;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
