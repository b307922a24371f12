package io.tarn.catalog.iceberg;

import io.tarn.catalog.spi.CatalogException;
import io.tarn.catalog.type.Column;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.catalog.type.TypeKind;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Maps Tarn types to Iceberg types and back. Iceberg has no 8/16-bit integers and no length-bounded strings, so
 * TINYINT/SMALLINT become int and CHAR/VARCHAR(n) string; {@link IcebergTable} remembers the declared types.
 */
final class IcebergTypes {
    private IcebergTypes() {
    }

    static Schema schema(RowSchema columns) {
        AtomicInteger ids = new AtomicInteger(0);
        List<Types.NestedField> fields = new ArrayList<>();
        for (Column column : columns.columns()) {
            fields.add(field(ids.incrementAndGet(), column.name(), column.type(), ids));
        }
        // ids only need to be unique here: Iceberg assigns fresh ones when it creates the table
        return new Schema(fields);
    }

    private static Types.NestedField field(int id, String name, DataType type, AtomicInteger ids) {
        Type icebergType = icebergType(name, type, ids);
        return type.nullable() ? Types.NestedField.optional(id, name, icebergType) : Types.NestedField.required(id, name, icebergType);
    }

    static Type icebergType(String name, DataType type, AtomicInteger ids) {
        return switch (type.kind()) {
            case BOOLEAN -> Types.BooleanType.get();
            case TINYINT, SMALLINT, INTEGER -> Types.IntegerType.get();
            case BIGINT -> Types.LongType.get();
            case DECIMAL -> Types.DecimalType.of(type.precision(), type.scale());
            case REAL -> Types.FloatType.get();
            case DOUBLE -> Types.DoubleType.get();
            case CHAR, VARCHAR -> Types.StringType.get();
            case BINARY, VARBINARY -> Types.BinaryType.get();
            case DATE -> Types.DateType.get();
            case TIME -> Types.TimeType.get();
            case TIMESTAMP -> Types.TimestampType.withoutZone();
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> Types.TimestampType.withZone();
            case STRUCT -> {
                List<Types.NestedField> fields = new ArrayList<>();
                for (int i = 0; i < type.children().size(); i++) {
                    fields.add(field(ids.incrementAndGet(), type.fieldNames().get(i), type.children().get(i), ids));
                }
                yield Types.StructType.of(fields);
            }
            case LIST -> {
                DataType element = type.children().get(0);
                int id = ids.incrementAndGet();
                Type elementType = icebergType(name, element, ids);
                yield element.nullable() ? Types.ListType.ofOptional(id, elementType) : Types.ListType.ofRequired(id, elementType);
            }
            case MAP -> {
                int keyId = ids.incrementAndGet();
                int valueId = ids.incrementAndGet();
                DataType value = type.children().get(1);
                Type keyType = icebergType(name, type.children().get(0), ids);
                Type valueType = icebergType(name, value, ids);
                yield value.nullable() ? Types.MapType.ofOptional(keyId, valueId, keyType, valueType)
                        : Types.MapType.ofRequired(keyId, valueId, keyType, valueType);
            }
            case NULL, INTERVAL_DAY_TIME, INTERVAL_YEAR_MONTH -> throw new CatalogException(CatalogException.INVALID_DEFINITION,
                    "column " + name + ": type " + type + " cannot be stored in an Iceberg table");
        };
    }

    static RowSchema rowSchema(Schema schema) {
        List<Column> columns = new ArrayList<>();
        for (Types.NestedField field : schema.columns()) {
            columns.add(new Column(field.name(), dataType(field)));
        }
        return new RowSchema(columns);
    }

    static DataType dataType(Types.NestedField field) {
        return dataType(field.name(), field.type()).withNullable(field.isOptional());
    }

    private static DataType dataType(String name, Type type) {
        return switch (type.typeId()) {
            case BOOLEAN -> DataType.BOOLEAN;
            case INTEGER -> DataType.INTEGER;
            case LONG -> DataType.BIGINT;
            case FLOAT -> DataType.of(TypeKind.REAL);
            case DOUBLE -> DataType.DOUBLE;
            case DECIMAL -> {
                Types.DecimalType decimal = (Types.DecimalType) type;
                yield DataType.decimal(decimal.precision(), decimal.scale());
            }
            case STRING -> DataType.VARCHAR;
            case BINARY -> DataType.of(TypeKind.VARBINARY);
            case FIXED -> new DataType(TypeKind.BINARY, ((Types.FixedType) type).length(), 0, true, List.of(), List.of());
            case UUID -> new DataType(TypeKind.BINARY, 16, 0, true, List.of(), List.of());
            case DATE -> DataType.DATE;
            case TIME -> DataType.of(TypeKind.TIME);
            case TIMESTAMP -> ((Types.TimestampType) type).shouldAdjustToUTC()
                    ? DataType.of(TypeKind.TIMESTAMP_WITH_LOCAL_TIME_ZONE) : DataType.TIMESTAMP;
            case TIMESTAMP_NANO -> ((Types.TimestampNanoType) type).shouldAdjustToUTC()
                    ? DataType.of(TypeKind.TIMESTAMP_WITH_LOCAL_TIME_ZONE) : DataType.TIMESTAMP;
            case STRUCT -> {
                List<String> names = new ArrayList<>();
                List<DataType> children = new ArrayList<>();
                for (Types.NestedField child : type.asStructType().fields()) {
                    names.add(child.name());
                    children.add(dataType(child));
                }
                yield DataType.struct(names, children);
            }
            case LIST -> {
                Types.ListType list = type.asListType();
                yield DataType.list(dataType(name, list.elementType()).withNullable(list.isElementOptional()));
            }
            case MAP -> {
                Types.MapType map = type.asMapType();
                yield DataType.map(dataType(name, map.keyType()),
                        dataType(name, map.valueType()).withNullable(map.isValueOptional()));
            }
            default -> throw new CatalogException("0A000", "column " + name + ": Iceberg type " + type + " is not supported");
        };
    }
}
