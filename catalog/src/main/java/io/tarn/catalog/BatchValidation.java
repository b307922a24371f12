package io.tarn.catalog;

import io.tarn.catalog.spi.CatalogException;
import io.tarn.catalog.type.ArrowTypes;
import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.Column;
import io.tarn.catalog.type.RowSchema;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

/** Checks that a batch offered to a table append has the table's columns, with the vectors {@link ArrowTypes} prescribes. */
public final class BatchValidation {
    /** SQLState of a value whose type does not match its column. */
    public static final String DATATYPE_MISMATCH = "42804";
    public static final String NOT_NULL_VIOLATION = "23502";

    private BatchValidation() {
    }

    public static void check(String table, RowSchema schema, Batch batch) {
        if (batch.columnCount() != schema.size()) {
            throw new CatalogException(CatalogException.DATA_EXCEPTION, "batch has " + batch.columnCount()
                    + " columns but table " + table + " has " + schema.size());
        }
        for (int c = 0; c < schema.size(); c++) {
            Column column = schema.column(c);
            FieldVector vector = batch.column(c);
            Field expected = ArrowTypes.field(column.name(), column.type());
            if (!sameShape(expected, vector.getField())) {
                throw new CatalogException(DATATYPE_MISMATCH, "column " + column.name() + " of table " + table + " is "
                        + column.type() + " but the batch has " + vector.getField().getType());
            }
            if (!column.type().nullable() && vector.getNullCount() > 0) {
                throw new CatalogException(NOT_NULL_VIOLATION, "NULL value in NOT NULL column " + column.name()
                        + " of table " + table);
            }
            if (vector.getValueCount() < batch.rowCount()) {
                throw new CatalogException(CatalogException.DATA_EXCEPTION, "column " + column.name() + " has "
                        + vector.getValueCount() + " values for " + batch.rowCount() + " rows");
            }
        }
    }

    /** Same Arrow types at every level; names and nullability may differ. */
    private static boolean sameShape(Field expected, Field actual) {
        if (!expected.getType().equals(actual.getType()) || expected.getChildren().size() != actual.getChildren().size()) {
            return false;
        }
        for (int i = 0; i < expected.getChildren().size(); i++) {
            if (!sameShape(expected.getChildren().get(i), actual.getChildren().get(i))) {
                return false;
            }
        }
        return true;
    }
}
