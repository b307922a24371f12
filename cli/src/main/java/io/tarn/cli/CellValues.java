package io.tarn.cli;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HexFormat;

/** How one cell reads as text: JDBC's string form, binaries in hex, null as Java null. */
final class CellValues {

    private CellValues() {
    }

    static String text(ResultSet resultSet, int column, int sqlType) throws SQLException {
        return switch (sqlType) {
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> {
                byte[] bytes = resultSet.getBytes(column);
                yield bytes == null ? null : "\\x" + HexFormat.of().formatHex(bytes);
            }
            case Types.ARRAY, Types.STRUCT, Types.JAVA_OBJECT, Types.OTHER -> {
                Object value = resultSet.getObject(column);
                yield value == null ? null : value instanceof java.sql.Struct struct
                        ? java.util.Arrays.toString(struct.getAttributes()) : value.toString();
            }
            default -> resultSet.getString(column);
        };
    }

    static boolean isNumeric(int sqlType) {
        return switch (sqlType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.DECIMAL, Types.NUMERIC,
                    Types.REAL, Types.FLOAT, Types.DOUBLE -> true;
            default -> false;
        };
    }
}
