package io.tarn.catalog.parquet;

import io.tarn.catalog.type.Values;
import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.filter2.columnindex.RowRanges;

/** Fills every row with one value taken from metadata, e.g. an identity partition or a hive {@code key=value} directory. */
final class ConstantColumnDecoder implements ColumnDecoder {
    private final Object value;

    ConstantColumnDecoder(Object value) {
        this.value = value;
    }

    @Override
    public void startRowGroup(PageReadStore rowGroup, RowRanges rows) {
    }

    @Override
    public void decode(FieldVector target, int rows) {
        if (value == null) {
            return;
        }
        for (int i = 0; i < rows; i++) {
            Values.set(target, i, value);
        }
    }

    @Override
    public void decodeSelected(FieldVector target, int rows, int[] selection, int count) {
        decode(target, count);
    }
}
