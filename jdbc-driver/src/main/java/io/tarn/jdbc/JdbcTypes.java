package io.tarn.jdbc;

import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.TypeKind;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.ColumnMetaData.AvaticaType;
import org.apache.calcite.avatica.ColumnMetaData.Rep;

import java.sql.DatabaseMetaData;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How Tarn types look through JDBC. Values travel in Avatica frames in Avatica's numeric conventions: DATE as int days,
 * TIME as int millis of day, TIMESTAMP as long millis (Tarn keeps microseconds; JDBC sees milliseconds).
 * TIMESTAMP WITH LOCAL TIME ZONE is reported as {@link Types#TIMESTAMP}: it is an instant, which is what
 * {@link java.sql.Timestamp} holds, while {@link Types#TIMESTAMP_WITH_TIMEZONE} promises a value carrying an offset
 * (and Avatica only serves it as a string, so tools could not read it as a timestamp).
 */
final class JdbcTypes {

    /** Fractional-second digits JDBC sees for TIME and TIMESTAMP values (milliseconds). */
    static final int FRACTION_DIGITS = 3;

    private JdbcTypes() {
    }

    /** The {@link Types} constant for a Tarn type. */
    static int sqlType(DataType type) {
        return switch (type.kind()) {
            case NULL -> Types.NULL;
            case BOOLEAN -> Types.BOOLEAN;
            case TINYINT -> Types.TINYINT;
            case SMALLINT -> Types.SMALLINT;
            case INTEGER -> Types.INTEGER;
            case BIGINT -> Types.BIGINT;
            case DECIMAL -> Types.DECIMAL;
            case REAL -> Types.REAL;
            case DOUBLE -> Types.DOUBLE;
            case CHAR -> Types.CHAR;
            case VARCHAR -> Types.VARCHAR;
            case BINARY -> Types.BINARY;
            case VARBINARY -> Types.VARBINARY;
            case DATE -> Types.DATE;
            case TIME -> Types.TIME;
            case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> Types.TIMESTAMP;
            case INTERVAL_DAY_TIME, INTERVAL_YEAR_MONTH -> Types.OTHER;
            case STRUCT -> Types.STRUCT;
            case LIST -> Types.ARRAY;
            case MAP -> Types.JAVA_OBJECT;
        };
    }

    /** The type name tools show, without length or nullability, e.g. {@code DECIMAL}, {@code ARRAY<INTEGER>}. */
    static String typeName(DataType type) {
        return switch (type.kind()) {
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> "TIMESTAMP WITH LOCAL TIME ZONE";
            // Avatica picks the interval accessor from these names (INTERVAL_<TimeUnitRange>).
            case INTERVAL_DAY_TIME -> "INTERVAL_DAY_SECOND";
            case INTERVAL_YEAR_MONTH -> "INTERVAL_YEAR_MONTH";
            case STRUCT, LIST, MAP -> type.withNullable(true).toString();
            default -> type.kind().name();
        };
    }

    /** How values of this type are represented in frames, and so which Avatica accessor reads them. */
    static Rep rep(DataType type) {
        return switch (type.kind()) {
            case NULL, MAP, STRUCT -> Rep.OBJECT;
            case BOOLEAN -> Rep.BOOLEAN;
            case TINYINT -> Rep.BYTE;
            case SMALLINT -> Rep.SHORT;
            case INTEGER, DATE, TIME, INTERVAL_YEAR_MONTH -> Rep.INTEGER;
            case BIGINT, TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE, INTERVAL_DAY_TIME -> Rep.LONG;
            case DECIMAL -> Rep.NUMBER;
            case REAL -> Rep.FLOAT;
            case DOUBLE -> Rep.DOUBLE;
            case CHAR, VARCHAR -> Rep.STRING;
            case BINARY, VARBINARY -> Rep.BYTE_STRING;
            case LIST -> Rep.ARRAY;
        };
    }

    static AvaticaType avaticaType(DataType type) {
        return switch (type.kind()) {
            case LIST -> ColumnMetaData.array(avaticaType(type.children().get(0)), typeName(type), Rep.ARRAY);
            case STRUCT -> {
                List<ColumnMetaData> fields = new ArrayList<>();
                for (int i = 0; i < type.children().size(); i++) {
                    fields.add(column(i, type.fieldNames().get(i), type.children().get(i)));
                }
                yield ColumnMetaData.struct(fields);
            }
            default -> ColumnMetaData.scalar(sqlType(type), typeName(type), rep(type));
        };
    }

    /** Result-set metadata of one column ({@code ordinal} is 0-based). */
    static ColumnMetaData column(int ordinal, String name, DataType type) {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(type, "type is null");
        Integer size = columnSize(type);
        Integer scale = decimalDigits(type);
        int displaySize = size == null ? 0 : Math.min(size, Integer.MAX_VALUE - 2) + 2;
        // Avatica formats TIME/TIMESTAMP text with "precision" fractional digits, as Calcite's TIMESTAMP(p) does.
        int precision = isDatetime(type) ? FRACTION_DIGITS : size == null ? 0 : size;
        return new ColumnMetaData(ordinal, false, type.kind().isString(), true, false,
                nullability(type), isSigned(type), displaySize, name, name, null,
                precision, scale == null ? 0 : scale, null, null,
                avaticaType(type), true, false, false, columnClassName(type));
    }

    static int nullability(DataType type) {
        return type.nullable() ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls;
    }

    /**
     * COLUMN_SIZE as {@link DatabaseMetaData#getColumns} defines it: digits for numbers, characters for strings and
     * datetimes (the length of their text form), bytes for binaries; null where it does not apply.
     */
    static Integer columnSize(DataType type) {
        return switch (type.kind()) {
            case BOOLEAN -> 1;
            case TINYINT -> 3;
            case SMALLINT -> 5;
            case INTEGER -> 10;
            case BIGINT -> 19;
            case DECIMAL -> type.precision();
            case REAL -> 7;
            case DOUBLE -> 15;
            case CHAR, VARCHAR, BINARY, VARBINARY -> type.precision() < 0 ? Integer.MAX_VALUE : type.precision();
            case DATE -> 10;
            case TIME -> 8 + 1 + FRACTION_DIGITS;
            case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> 19 + 1 + FRACTION_DIGITS;
            default -> null;
        };
    }

    /** DECIMAL_DIGITS: the scale of exact numbers, fractional-second digits of datetimes, else null. */
    static Integer decimalDigits(DataType type) {
        return switch (type.kind()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT -> 0;
            case DECIMAL -> type.scale();
            case TIME, TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> FRACTION_DIGITS;
            default -> null;
        };
    }

    static Integer numericPrecisionRadix(DataType type) {
        return type.kind().isNumeric() ? 10 : null;
    }

    /** CHAR_OCTET_LENGTH: the most bytes a string can take in UTF-8, null for other types. */
    static Integer charOctetLength(DataType type) {
        if (!type.kind().isString()) {
            return null;
        }
        return type.precision() < 0 || type.precision() > Integer.MAX_VALUE / 4 ? Integer.MAX_VALUE : type.precision() * 4;
    }

    private static boolean isDatetime(DataType type) {
        return switch (type.kind()) {
            case TIME, TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> true;
            default -> false;
        };
    }

    private static boolean isSigned(DataType type) {
        return type.kind().isNumeric();
    }

    /** The class {@link java.sql.ResultSet#getObject(int)} returns. */
    static String columnClassName(DataType type) {
        return switch (type.kind()) {
            case NULL -> Object.class.getName();
            case BOOLEAN -> Boolean.class.getName();
            case TINYINT -> Byte.class.getName();
            case SMALLINT -> Short.class.getName();
            case INTEGER -> Integer.class.getName();
            case BIGINT -> Long.class.getName();
            case DECIMAL -> java.math.BigDecimal.class.getName();
            case REAL -> Float.class.getName();
            case DOUBLE -> Double.class.getName();
            case CHAR, VARCHAR, INTERVAL_DAY_TIME, INTERVAL_YEAR_MONTH -> String.class.getName();
            case BINARY, VARBINARY -> byte[].class.getName();
            case DATE -> java.sql.Date.class.getName();
            case TIME -> java.sql.Time.class.getName();
            case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> java.sql.Timestamp.class.getName();
            case STRUCT -> java.sql.Struct.class.getName();
            case LIST -> List.class.getName();
            case MAP -> java.util.Map.class.getName();
        };
    }

    /** Whether {@code kind} is a type users can declare (for {@link DatabaseMetaData#getTypeInfo}). */
    static boolean isDeclarable(TypeKind kind) {
        return kind != TypeKind.NULL && kind != TypeKind.INTERVAL_DAY_TIME && kind != TypeKind.INTERVAL_YEAR_MONTH;
    }
}
