package io.tarn.catalog.parquet;

import io.tarn.catalog.type.DataType;
import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.filter2.columnindex.RowRanges;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;

/** A top-level primitive column, read value by value with parquet-java's {@link ColumnReader}. */
final class FlatColumnDecoder implements ColumnDecoder {
    private final MessageType columnSchema;
    private final ColumnDescriptor descriptor;
    private final String createdBy;
    private final RowSlot rowSlot = new RowSlot();
    private final LeafConverter leaf;
    private final int maxDefinitionLevel;
    private ColumnReader reader;

    FlatColumnDecoder(PrimitiveType fileType, DataType target, String createdBy) {
        this.columnSchema = new MessageType("column", fileType);
        this.descriptor = columnSchema.getColumns().get(0);
        this.createdBy = createdBy;
        this.leaf = LeafConverter.create(fileType, target, rowSlot);
        this.maxDefinitionLevel = descriptor.getMaxDefinitionLevel();
    }

    @Override
    public void startRowGroup(PageReadStore rowGroup, RowRanges rows) {
        // parquet-java's reader skips rows outside {@code rows} itself: the store lists the rows it holds
        GroupConverter root = new GroupConverter() {
            @Override
            public Converter getConverter(int fieldIndex) {
                return leaf;
            }

            @Override
            public void start() {
            }

            @Override
            public void end() {
            }
        };
        reader = new ColumnReadStoreImpl(rowGroup, root, columnSchema, createdBy).getColumnReader(descriptor);
    }

    @Override
    public void decode(FieldVector target, int rows) {
        leaf.bind(target);
        ColumnReader column = reader;
        for (int i = 0; i < rows; i++) {
            if (column.getCurrentDefinitionLevel() == maxDefinitionLevel) {
                rowSlot.row = i;
                column.writeCurrentValueToConverter();
            }
            column.consume();
        }
    }

    @Override
    public void decodeSelected(FieldVector target, int rows, int[] selection, int count) {
        leaf.bind(target);
        ColumnReader column = reader;
        int next = 0;
        for (int i = 0; i < rows; i++) {
            boolean selected = next < count && selection[next] == i;
            if (column.getCurrentDefinitionLevel() == maxDefinitionLevel) {
                if (selected) {
                    rowSlot.row = next;
                    column.writeCurrentValueToConverter();
                } else {
                    column.skip();
                }
            }
            if (selected) {
                next++;
            }
            column.consume();
        }
    }

    /** The row of the value being converted. */
    private static final class RowSlot implements LeafConverter.Slot {
        int row;

        @Override
        public int current() {
            return row;
        }
    }
}
