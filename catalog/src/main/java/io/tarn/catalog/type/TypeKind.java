package io.tarn.catalog.type;

/** The SQL types Tarn knows; each maps to exactly one Arrow vector class (see {@link ArrowTypes}). */
public enum TypeKind {
    NULL,
    BOOLEAN,
    TINYINT,
    SMALLINT,
    INTEGER,
    BIGINT,
    /** Exact decimal; precision up to 38, stored as a 128-bit unscaled value. */
    DECIMAL,
    REAL,
    DOUBLE,
    CHAR,
    VARCHAR,
    BINARY,
    VARBINARY,
    /** Days since 1970-01-01. */
    DATE,
    /** Microseconds since midnight. */
    TIME,
    /** Microseconds since 1970-01-01 00:00, no time zone. */
    TIMESTAMP,
    /** Microseconds since the epoch, an instant shown in the session time zone. */
    TIMESTAMP_WITH_LOCAL_TIME_ZONE,
    /** Milliseconds; only as an intermediate value of expressions. */
    INTERVAL_DAY_TIME,
    /** Months; only as an intermediate value of expressions. */
    INTERVAL_YEAR_MONTH,
    STRUCT,
    LIST,
    MAP;

    public boolean isInteger() {
        return this == TINYINT || this == SMALLINT || this == INTEGER || this == BIGINT;
    }

    public boolean isNumeric() {
        return isInteger() || this == DECIMAL || this == REAL || this == DOUBLE;
    }

    public boolean isString() {
        return this == CHAR || this == VARCHAR;
    }
}
