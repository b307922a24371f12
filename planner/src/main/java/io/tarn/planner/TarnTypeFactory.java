package io.tarn.planner;

import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite's type factory with one change: CHAR(n) is VARCHAR(n), as in DuckDB, Postgres' text literals and Trino's
 * varchar literals. Without it, string literals are blank-padded CHAR and {@code VALUES ('a'), ('abc')} yields 'a  ',
 * which no user of those engines expects.
 */
public final class TarnTypeFactory extends JavaTypeFactoryImpl {
    public TarnTypeFactory() {
        super(TarnTypeSystem.INSTANCE);
    }

    @Override
    public RelDataType createSqlType(SqlTypeName typeName) {
        return super.createSqlType(typeName == SqlTypeName.CHAR ? SqlTypeName.VARCHAR : typeName);
    }

    @Override
    public RelDataType createSqlType(SqlTypeName typeName, int precision) {
        return super.createSqlType(typeName == SqlTypeName.CHAR ? SqlTypeName.VARCHAR : typeName, precision);
    }
}
