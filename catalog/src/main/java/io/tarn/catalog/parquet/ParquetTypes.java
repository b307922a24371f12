package io.tarn.catalog.parquet;

import io.tarn.catalog.spi.CatalogException;
import io.tarn.catalog.type.Column;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.catalog.type.TypeKind;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

import java.util.ArrayList;
import java.util.List;

/** Maps between Tarn types and Parquet schemas, in both directions. */
public final class ParquetTypes {
    /** SQLState for a feature Tarn does not support (yet). */
    static final String NOT_SUPPORTED = "0A000";

    private ParquetTypes() {
    }

    /** The Parquet schema Tarn writes for rows of {@code schema}: standard 3-level lists and maps, micros timestamps. */
    public static MessageType messageType(RowSchema schema) {
        List<Type> fields = new ArrayList<>();
        for (Column column : schema.columns()) {
            fields.add(parquetType(column.name(), column.type()));
        }
        return new MessageType("tarn", fields);
    }

    static Type parquetType(String name, DataType type) {
        Type.Repetition repetition = type.nullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
        return switch (type.kind()) {
            case NULL -> Types.primitive(PrimitiveTypeName.INT32, repetition)
                    .as(LogicalTypeAnnotation.unknownType()).named(name);
            case BOOLEAN -> Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(name);
            case TINYINT -> Types.primitive(PrimitiveTypeName.INT32, repetition)
                    .as(LogicalTypeAnnotation.intType(8, true)).named(name);
            case SMALLINT -> Types.primitive(PrimitiveTypeName.INT32, repetition)
                    .as(LogicalTypeAnnotation.intType(16, true)).named(name);
            case INTEGER -> Types.primitive(PrimitiveTypeName.INT32, repetition).named(name);
            case BIGINT, INTERVAL_DAY_TIME, INTERVAL_YEAR_MONTH -> Types.primitive(PrimitiveTypeName.INT64, repetition).named(name);
            case DECIMAL -> decimalType(name, type, repetition);
            case REAL -> Types.primitive(PrimitiveTypeName.FLOAT, repetition).named(name);
            case DOUBLE -> Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(name);
            case CHAR, VARCHAR -> Types.primitive(PrimitiveTypeName.BINARY, repetition)
                    .as(LogicalTypeAnnotation.stringType()).named(name);
            case BINARY, VARBINARY -> Types.primitive(PrimitiveTypeName.BINARY, repetition).named(name);
            case DATE -> Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.dateType()).named(name);
            case TIME -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                    .as(LogicalTypeAnnotation.timeType(false, TimeUnit.MICROS)).named(name);
            case TIMESTAMP -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                    .as(LogicalTypeAnnotation.timestampType(false, TimeUnit.MICROS)).named(name);
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                    .as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS)).named(name);
            case STRUCT -> {
                List<Type> fields = new ArrayList<>();
                for (int i = 0; i < type.children().size(); i++) {
                    fields.add(parquetType(type.fieldNames().get(i), type.children().get(i)));
                }
                yield new GroupType(repetition, name, fields);
            }
            case LIST -> Types.buildGroup(repetition).as(LogicalTypeAnnotation.listType())
                    .addField(new GroupType(Type.Repetition.REPEATED, "list", parquetType("element", type.children().get(0))))
                    .named(name);
            case MAP -> Types.buildGroup(repetition).as(LogicalTypeAnnotation.mapType())
                    .addField(new GroupType(Type.Repetition.REPEATED, "key_value",
                            parquetType("key", type.children().get(0).withNullable(false)),
                            parquetType("value", type.children().get(1))))
                    .named(name);
        };
    }

    private static Type decimalType(String name, DataType type, Type.Repetition repetition) {
        LogicalTypeAnnotation annotation = LogicalTypeAnnotation.decimalType(type.scale(), type.precision());
        if (type.precision() <= 9) {
            return Types.primitive(PrimitiveTypeName.INT32, repetition).as(annotation).named(name);
        }
        if (type.precision() <= 18) {
            return Types.primitive(PrimitiveTypeName.INT64, repetition).as(annotation).named(name);
        }
        return Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition)
                .length(decimalBytes(type.precision())).as(annotation).named(name);
    }

    /** The fewest bytes that hold any unscaled value of this precision, in two's complement. */
    static int decimalBytes(int precision) {
        return (java.math.BigInteger.TEN.pow(precision).bitLength() + 1 + 7) / 8;
    }

    /** Tarn columns for a Parquet file schema; fails with 0A000 naming the first column Tarn cannot represent. */
    public static RowSchema rowSchema(MessageType message) {
        List<Column> columns = new ArrayList<>();
        for (Type field : message.getFields()) {
            columns.add(new Column(field.getName(), dataType(field)));
        }
        return new RowSchema(columns);
    }

    public static DataType dataType(Type type) {
        if (type.isRepetition(Type.Repetition.REPEATED)) {
            throw unsupported(type, "repeated field outside a LIST");
        }
        DataType result = type.isPrimitive() ? primitiveDataType(type.asPrimitiveType()) : groupDataType(type.asGroupType());
        return result.withNullable(!type.isRepetition(Type.Repetition.REQUIRED));
    }

    private static DataType groupDataType(GroupType group) {
        LogicalTypeAnnotation annotation = group.getLogicalTypeAnnotation();
        if (annotation instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
            return DataType.list(dataType(listElement(group)));
        }
        if (annotation instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
                || annotation instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation) {
            GroupType keyValue = mapKeyValue(group);
            // DataType.map keeps keys nullable by convention; ArrowTypes makes them NOT NULL in the vector
            return DataType.map(dataType(keyValue.getType(0)).withNullable(true), dataType(keyValue.getType(1)));
        }
        List<String> names = new ArrayList<>();
        List<DataType> children = new ArrayList<>();
        for (Type field : group.getFields()) {
            names.add(field.getName());
            children.add(dataType(field));
        }
        return DataType.struct(names, children);
    }

    /** The element of a standard 3-level list ({@code group (LIST) { repeated group list { element } }}). */
    static Type listElement(GroupType list) {
        if (list.getFieldCount() != 1 || list.getType(0).isPrimitive()
                || list.getType(0).asGroupType().getFieldCount() != 1 || !list.getType(0).isRepetition(Type.Repetition.REPEATED)) {
            throw unsupported(list, "legacy 2-level LIST layout");
        }
        return list.getType(0).asGroupType().getType(0);
    }

    static GroupType mapKeyValue(GroupType map) {
        if (map.getFieldCount() != 1 || map.getType(0).isPrimitive() || map.getType(0).asGroupType().getFieldCount() != 2) {
            throw unsupported(map, "MAP layout");
        }
        return map.getType(0).asGroupType();
    }

    private static DataType primitiveDataType(PrimitiveType type) {
        LogicalTypeAnnotation annotation = type.getLogicalTypeAnnotation();
        if (annotation instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                || annotation instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                || annotation instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
            return DataType.VARCHAR;
        }
        if (annotation instanceof DecimalLogicalTypeAnnotation decimal) {
            return DataType.decimal(decimal.getPrecision(), decimal.getScale());
        }
        if (annotation instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
            return DataType.DATE;
        }
        if (annotation instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation) {
            return DataType.of(TypeKind.TIME);
        }
        if (annotation instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation timestamp) {
            return timestamp.isAdjustedToUTC() ? DataType.of(TypeKind.TIMESTAMP_WITH_LOCAL_TIME_ZONE) : DataType.TIMESTAMP;
        }
        if (annotation instanceof IntLogicalTypeAnnotation integer) {
            return integerDataType(integer);
        }
        if (annotation instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation) {
            return new DataType(TypeKind.BINARY, 16, 0, true, List.of(), List.of());
        }
        if (annotation instanceof LogicalTypeAnnotation.UnknownLogicalTypeAnnotation) {
            return DataType.of(TypeKind.NULL);
        }
        if (annotation != null && !(annotation instanceof LogicalTypeAnnotation.BsonLogicalTypeAnnotation)) {
            throw unsupported(type, annotation.toString());
        }
        return switch (type.getPrimitiveTypeName()) {
            case BOOLEAN -> DataType.BOOLEAN;
            case INT32 -> DataType.INTEGER;
            case INT64 -> DataType.BIGINT;
            case INT96 -> DataType.TIMESTAMP;
            case FLOAT -> DataType.of(TypeKind.REAL);
            case DOUBLE -> DataType.DOUBLE;
            case BINARY -> DataType.of(TypeKind.VARBINARY);
            case FIXED_LEN_BYTE_ARRAY -> new DataType(TypeKind.BINARY, type.getTypeLength(), 0, true, List.of(), List.of());
        };
    }

    private static DataType integerDataType(IntLogicalTypeAnnotation integer) {
        if (integer.isSigned()) {
            return switch (integer.getBitWidth()) {
                case 8 -> DataType.of(TypeKind.TINYINT);
                case 16 -> DataType.of(TypeKind.SMALLINT);
                case 32 -> DataType.INTEGER;
                default -> DataType.BIGINT;
            };
        }
        // unsigned values widen to the next signed type that holds them all
        return switch (integer.getBitWidth()) {
            case 8 -> DataType.of(TypeKind.SMALLINT);
            case 16 -> DataType.INTEGER;
            case 32 -> DataType.BIGINT;
            default -> DataType.decimal(20, 0);
        };
    }

    private static CatalogException unsupported(Type type, String what) {
        return new CatalogException(NOT_SUPPORTED, "Parquet column " + type.getName() + ": " + what + " is not supported");
    }
}
