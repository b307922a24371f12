package io.tarn.planner.catalog;

import io.tarn.catalog.spi.Warehouse;
import io.tarn.planner.convert.PlanningException;
import io.tarn.planner.convert.TypeConverter;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.TableFunction;

import java.lang.reflect.Type;
import java.util.List;

/**
 * {@code read_parquet('path or glob')} in FROM. Calcite only needs its row type; the planner replaces the call with a
 * scan of {@link Warehouse#readParquet} so pushdown and pruning apply as for any table.
 */
public final class ReadParquetFunction implements TableFunction {
    public static final String NAME = "read_parquet";

    private final Warehouse warehouse;

    public ReadParquetFunction(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    public static String path(List<?> arguments) {
        if (arguments.size() != 1 || !(arguments.get(0) instanceof String path)) {
            throw new PlanningException(PlanningException.INVALID_PARAMETER,
                    "read_parquet takes one string literal: a file, directory or glob");
        }
        return path;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory, List<?> arguments) {
        return TypeConverter.toRowType(warehouse.readParquet(path(arguments)).schema(), typeFactory);
    }

    @Override
    public Type getElementType(List<?> arguments) {
        return Object[].class;
    }

    @Override
    public List<FunctionParameter> getParameters() {
        return List.of(new FunctionParameter() {
            @Override
            public int getOrdinal() {
                return 0;
            }

            @Override
            public String getName() {
                return "path";
            }

            @Override
            public RelDataType getType(RelDataTypeFactory typeFactory) {
                return typeFactory.createSqlType(org.apache.calcite.sql.type.SqlTypeName.VARCHAR);
            }

            @Override
            public boolean isOptional() {
                return false;
            }
        });
    }
}
