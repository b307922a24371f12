package io.tarn.planner.convert;

import io.tarn.catalog.type.Column;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import io.tarn.catalog.type.TypeKind;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.type.SqlTypeName;

import java.util.ArrayList;
import java.util.List;

/** Converts between Calcite's types and Tarn's {@link DataType}; the only place that knows both. */
public final class TypeConverter {
    private TypeConverter() {
    }

    public static DataType toTarn(RelDataType type) {
        boolean nullable = type.isNullable();
        SqlTypeName name = type.getSqlTypeName();
        DataType result = switch (name) {
            case BOOLEAN -> DataType.of(TypeKind.BOOLEAN);
            case TINYINT -> DataType.of(TypeKind.TINYINT);
            case SMALLINT -> DataType.of(TypeKind.SMALLINT);
            case INTEGER -> DataType.of(TypeKind.INTEGER);
            case BIGINT -> DataType.of(TypeKind.BIGINT);
            case DECIMAL -> DataType.decimal(type.getPrecision(), type.getScale());
            case REAL, FLOAT -> DataType.of(TypeKind.REAL);
            case DOUBLE -> DataType.of(TypeKind.DOUBLE);
            case CHAR -> new DataType(TypeKind.CHAR, type.getPrecision(), 0, true, List.of(), List.of());
            case VARCHAR -> DataType.varchar(type.getPrecision() == RelDataType.PRECISION_NOT_SPECIFIED
                    || type.getPrecision() >= 65536 ? -1 : type.getPrecision());
            case BINARY -> new DataType(TypeKind.BINARY, type.getPrecision(), 0, true, List.of(), List.of());
            case VARBINARY -> new DataType(TypeKind.VARBINARY, -1, 0, true, List.of(), List.of());
            case DATE -> DataType.of(TypeKind.DATE);
            case TIME -> DataType.of(TypeKind.TIME);
            case TIMESTAMP -> DataType.of(TypeKind.TIMESTAMP);
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> DataType.of(TypeKind.TIMESTAMP_WITH_LOCAL_TIME_ZONE);
            case INTERVAL_DAY, INTERVAL_DAY_HOUR, INTERVAL_DAY_MINUTE, INTERVAL_DAY_SECOND, INTERVAL_HOUR,
                 INTERVAL_HOUR_MINUTE, INTERVAL_HOUR_SECOND, INTERVAL_MINUTE, INTERVAL_MINUTE_SECOND, INTERVAL_SECOND ->
                    DataType.of(TypeKind.INTERVAL_DAY_TIME);
            case INTERVAL_YEAR, INTERVAL_YEAR_MONTH, INTERVAL_MONTH -> DataType.of(TypeKind.INTERVAL_YEAR_MONTH);
            case NULL -> DataType.of(TypeKind.NULL);
            case ROW -> {
                List<String> names = new ArrayList<>();
                List<DataType> fields = new ArrayList<>();
                for (RelDataTypeField field : type.getFieldList()) {
                    names.add(field.getName());
                    fields.add(toTarn(field.getType()));
                }
                yield DataType.struct(names, fields);
            }
            case ARRAY, MULTISET -> DataType.list(toTarn(type.getComponentType()));
            case MAP -> DataType.map(toTarn(type.getKeyType()), toTarn(type.getValueType()));
            default -> throw new PlanningException(PlanningException.FEATURE_NOT_SUPPORTED, "type " + type.getFullTypeString() + " is not supported");
        };
        return result.withNullable(nullable);
    }

    public static RelDataType toCalcite(DataType type, RelDataTypeFactory factory) {
        RelDataType result = switch (type.kind()) {
            case NULL -> factory.createSqlType(SqlTypeName.NULL);
            case BOOLEAN -> factory.createSqlType(SqlTypeName.BOOLEAN);
            case TINYINT -> factory.createSqlType(SqlTypeName.TINYINT);
            case SMALLINT -> factory.createSqlType(SqlTypeName.SMALLINT);
            case INTEGER -> factory.createSqlType(SqlTypeName.INTEGER);
            case BIGINT -> factory.createSqlType(SqlTypeName.BIGINT);
            case DECIMAL -> factory.createSqlType(SqlTypeName.DECIMAL, type.precision(), type.scale());
            case REAL -> factory.createSqlType(SqlTypeName.REAL);
            case DOUBLE -> factory.createSqlType(SqlTypeName.DOUBLE);
            case CHAR -> factory.createSqlType(SqlTypeName.CHAR, Math.max(type.precision(), 1));
            case VARCHAR -> type.precision() < 0 ? factory.createSqlType(SqlTypeName.VARCHAR)
                    : factory.createSqlType(SqlTypeName.VARCHAR, type.precision());
            case BINARY -> factory.createSqlType(SqlTypeName.BINARY, Math.max(type.precision(), 1));
            case VARBINARY -> factory.createSqlType(SqlTypeName.VARBINARY);
            case DATE -> factory.createSqlType(SqlTypeName.DATE);
            case TIME -> factory.createSqlType(SqlTypeName.TIME, 6);
            case TIMESTAMP -> factory.createSqlType(SqlTypeName.TIMESTAMP, 6);
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> factory.createSqlType(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, 6);
            case INTERVAL_DAY_TIME, INTERVAL_YEAR_MONTH -> factory.createSqlType(SqlTypeName.BIGINT);
            case STRUCT -> {
                List<RelDataType> fields = new ArrayList<>();
                for (DataType child : type.children()) {
                    fields.add(toCalcite(child, factory));
                }
                yield factory.createStructType(fields, type.fieldNames());
            }
            case LIST -> factory.createArrayType(toCalcite(type.children().get(0), factory), -1);
            case MAP -> factory.createMapType(toCalcite(type.children().get(0), factory), toCalcite(type.children().get(1), factory));
        };
        return factory.createTypeWithNullability(result, type.nullable());
    }

    public static RowSchema toRowSchema(RelDataType rowType) {
        List<Column> columns = new ArrayList<>();
        for (RelDataTypeField field : rowType.getFieldList()) {
            columns.add(new Column(field.getName(), toTarn(field.getType())));
        }
        return new RowSchema(columns);
    }

    public static RelDataType toRowType(RowSchema schema, RelDataTypeFactory factory) {
        RelDataTypeFactory.Builder builder = factory.builder();
        for (Column column : schema.columns()) {
            builder.add(column.name(), toCalcite(column.type(), factory));
        }
        return builder.build();
    }
}
