package io.tarn.catalog.type;

import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

import java.util.ArrayList;
import java.util.List;

/**
 * The one mapping between Tarn types and Arrow vectors: BOOLEAN→BitVector, TINYINT..BIGINT→TinyInt..BigIntVector,
 * DECIMAL→DecimalVector, REAL→Float4Vector, DOUBLE→Float8Vector, CHAR/VARCHAR→VarCharVector,
 * BINARY/VARBINARY→VarBinaryVector, DATE→DateDayVector, TIME→TimeMicroVector, TIMESTAMP→TimeStampMicroVector,
 * TIMESTAMP WITH LOCAL TIME ZONE→TimeStampMicroTZVector("UTC"), intervals→BigIntVector, NULL→NullVector,
 * STRUCT/LIST/MAP→StructVector/ListVector/MapVector.
 */
public final class ArrowTypes {
    private ArrowTypes() {
    }

    public static Field field(String name, DataType type) {
        FieldType fieldType = new FieldType(type.nullable(), arrowType(type), null);
        List<Field> children = new ArrayList<>();
        switch (type.kind()) {
            case STRUCT -> {
                for (int i = 0; i < type.children().size(); i++) {
                    children.add(field(type.fieldNames().get(i), type.children().get(i)));
                }
            }
            case LIST -> children.add(field("element", type.children().get(0)));
            case MAP -> children.add(new Field("entries", FieldType.notNullable(ArrowType.Struct.INSTANCE), List.of(
                    field("key", type.children().get(0).withNullable(false)),
                    field("value", type.children().get(1)))));
            default -> {
            }
        }
        return new Field(name, fieldType, children);
    }

    public static ArrowType arrowType(DataType type) {
        return switch (type.kind()) {
            case NULL -> ArrowType.Null.INSTANCE;
            case BOOLEAN -> ArrowType.Bool.INSTANCE;
            case TINYINT -> new ArrowType.Int(8, true);
            case SMALLINT -> new ArrowType.Int(16, true);
            case INTEGER -> new ArrowType.Int(32, true);
            case BIGINT, INTERVAL_DAY_TIME, INTERVAL_YEAR_MONTH -> new ArrowType.Int(64, true);
            case DECIMAL -> new ArrowType.Decimal(type.precision(), type.scale(), 128);
            case REAL -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
            case DOUBLE -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case CHAR, VARCHAR -> ArrowType.Utf8.INSTANCE;
            case BINARY, VARBINARY -> ArrowType.Binary.INSTANCE;
            case DATE -> new ArrowType.Date(DateUnit.DAY);
            case TIME -> new ArrowType.Time(TimeUnit.MICROSECOND, 64);
            case TIMESTAMP -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC");
            case STRUCT -> ArrowType.Struct.INSTANCE;
            case LIST -> ArrowType.List.INSTANCE;
            case MAP -> new ArrowType.Map(false);
        };
    }

    public static org.apache.arrow.vector.types.pojo.Schema schema(RowSchema schema) {
        List<Field> fields = new ArrayList<>();
        for (Column column : schema.columns()) {
            fields.add(field(column.name(), column.type()));
        }
        return new org.apache.arrow.vector.types.pojo.Schema(fields);
    }
}
