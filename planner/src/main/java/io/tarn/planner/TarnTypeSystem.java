package io.tarn.planner;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Tarn's type rules where they differ from Calcite's defaults: decimals up to 38 digits (as Iceberg, Parquet and
 * Arrow allow), CASE/UNION over strings of different lengths gives VARCHAR (no blank padding), and AVG of an integer
 * is DOUBLE (as in DuckDB and Trino) instead of a truncated integer.
 */
public final class TarnTypeSystem extends RelDataTypeSystemImpl {
    public static final TarnTypeSystem INSTANCE = new TarnTypeSystem();

    private TarnTypeSystem() {
    }

    @Override
    public int getMaxPrecision(SqlTypeName typeName) {
        return typeName == SqlTypeName.DECIMAL ? 38 : super.getMaxPrecision(typeName);
    }

    @Override
    public int getMaxScale(SqlTypeName typeName) {
        return typeName == SqlTypeName.DECIMAL ? 38 : super.getMaxScale(typeName);
    }

    @Override
    public boolean shouldConvertRaggedUnionTypesToVarying() {
        return true;
    }

    @Override
    public RelDataType deriveAvgAggType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
        if (SqlTypeName.INT_TYPES.contains(argumentType.getSqlTypeName())) {
            return typeFactory.createTypeWithNullability(typeFactory.createSqlType(SqlTypeName.DOUBLE), argumentType.isNullable());
        }
        return super.deriveAvgAggType(typeFactory, argumentType);
    }

    @Override
    public RelDataType deriveSumType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
        // SUM of any integer is BIGINT and of a decimal is DECIMAL(38, s), so sums do not overflow their inputs' type
        SqlTypeName name = argumentType.getSqlTypeName();
        if (SqlTypeName.INT_TYPES.contains(name)) {
            return typeFactory.createTypeWithNullability(typeFactory.createSqlType(SqlTypeName.BIGINT), argumentType.isNullable());
        }
        if (name == SqlTypeName.DECIMAL) {
            return typeFactory.createTypeWithNullability(
                    typeFactory.createSqlType(SqlTypeName.DECIMAL, 38, argumentType.getScale()), argumentType.isNullable());
        }
        return super.deriveSumType(typeFactory, argumentType);
    }
}
