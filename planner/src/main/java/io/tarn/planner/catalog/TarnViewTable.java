package io.tarn.planner.catalog;

import io.tarn.catalog.spi.ViewDefinition;
import io.tarn.planner.convert.TypeConverter;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;

import java.util.List;

/** A stored view: expanded into the query that uses it, its names resolved in the schema it was created in. */
public final class TarnViewTable extends AbstractTable implements TranslatableTable {
    private final ViewDefinition view;

    public TarnViewTable(ViewDefinition view) {
        this.view = view;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        return TypeConverter.toRowType(view.columns(), typeFactory);
    }

    @Override
    public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
        return context.expandView(relOptTable.getRowType(), view.sql(), List.of(view.resolutionSchema()),
                List.of(view.schema(), view.name())).project();
    }
}
