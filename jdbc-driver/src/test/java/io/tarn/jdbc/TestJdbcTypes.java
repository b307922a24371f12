package io.tarn.jdbc;

import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.TypeKind;
import org.apache.calcite.avatica.ColumnMetaData;
import org.junit.jupiter.api.Test;

import java.sql.DatabaseMetaData;
import java.sql.Types;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestJdbcTypes {

    @Test
    void everyKindHasAJdbcType() {
        for (TypeKind kind : TypeKind.values()) {
            DataType type = switch (kind) {
                case LIST -> DataType.list(DataType.INTEGER);
                case MAP -> DataType.map(DataType.VARCHAR, DataType.INTEGER);
                case STRUCT -> DataType.struct(List.of("a"), List.of(DataType.INTEGER));
                case DECIMAL -> DataType.decimal(12, 2);
                default -> DataType.of(kind);
            };
            ColumnMetaData column = JdbcTypes.column(0, "c", type);
            assertEquals(JdbcTypes.sqlType(type), column.type.id, kind.name());
            assertEquals(JdbcTypes.rep(type), column.type.rep, kind.name());
        }
    }

    @Test
    void decimalCarriesPrecisionAndScale() {
        ColumnMetaData column = JdbcTypes.column(3, "price", DataType.decimal(12, 2).withNullable(false));
        assertEquals(Types.DECIMAL, column.type.id);
        assertEquals(12, column.precision);
        assertEquals(2, column.scale);
        assertEquals(DatabaseMetaData.columnNoNulls, column.nullable);
        assertEquals("price", column.label);
        assertEquals(3, column.ordinal);
        assertTrue(column.signed);
    }

    @Test
    void datetimesUseAvaticaNumericRepresentations() {
        assertEquals(ColumnMetaData.Rep.INTEGER, JdbcTypes.rep(DataType.DATE));
        assertEquals(ColumnMetaData.Rep.INTEGER, JdbcTypes.rep(DataType.of(TypeKind.TIME)));
        assertEquals(ColumnMetaData.Rep.LONG, JdbcTypes.rep(DataType.TIMESTAMP));
    }

    @Test
    void timestampWithLocalTimeZoneIsAJdbcTimestamp() {
        DataType type = DataType.of(TypeKind.TIMESTAMP_WITH_LOCAL_TIME_ZONE);
        assertEquals(Types.TIMESTAMP, JdbcTypes.sqlType(type));
        assertEquals("TIMESTAMP WITH LOCAL TIME ZONE", JdbcTypes.typeName(type));
    }

    @Test
    void nestedTypes() {
        ColumnMetaData array = JdbcTypes.column(0, "a", DataType.list(DataType.DATE));
        assertInstanceOf(ColumnMetaData.ArrayType.class, array.type);
        assertEquals(Types.DATE, ((ColumnMetaData.ArrayType) array.type).getComponent().id);

        ColumnMetaData struct = JdbcTypes.column(0, "s",
                DataType.struct(List.of("x", "y"), List.of(DataType.INTEGER, DataType.VARCHAR)));
        assertInstanceOf(ColumnMetaData.StructType.class, struct.type);
        assertEquals(List.of("x", "y"),
                ((ColumnMetaData.StructType) struct.type).columns.stream().map(c -> c.columnName).toList());

        assertEquals(Types.JAVA_OBJECT, JdbcTypes.sqlType(DataType.map(DataType.VARCHAR, DataType.BIGINT)));
    }

    @Test
    void columnSizes() {
        assertEquals(25, JdbcTypes.columnSize(DataType.varchar(25)));
        assertEquals(Integer.MAX_VALUE, JdbcTypes.columnSize(DataType.VARCHAR));
        assertEquals(100, JdbcTypes.charOctetLength(DataType.varchar(25)));
        assertEquals(19, JdbcTypes.columnSize(DataType.BIGINT));
        assertEquals(0, JdbcTypes.decimalDigits(DataType.BIGINT));
        assertEquals(10, JdbcTypes.columnSize(DataType.DATE));
        assertNull(JdbcTypes.decimalDigits(DataType.VARCHAR));
        assertNull(JdbcTypes.numericPrecisionRadix(DataType.VARCHAR));
        assertEquals(10, JdbcTypes.numericPrecisionRadix(DataType.DOUBLE));
    }

    @Test
    void onlyDeclarableTypesAreListed() {
        assertFalse(JdbcTypes.isDeclarable(TypeKind.NULL));
        assertFalse(JdbcTypes.isDeclarable(TypeKind.INTERVAL_DAY_TIME));
        assertTrue(JdbcTypes.isDeclarable(TypeKind.MAP));
        List<Integer> dataTypes = WarehouseMetadata.typeInfo().stream().map(row -> row.dataType).toList();
        assertEquals(dataTypes.stream().sorted().toList(), dataTypes);
        assertTrue(WarehouseMetadata.typeInfo().stream().anyMatch(row -> row.typeName.equals("DECIMAL")
                && row.precision == 38 && row.maximumScale == 38));
    }
}
