package io.tarn.catalog.parquet;

import io.tarn.catalog.type.DataType;
import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.filter2.columnindex.RowRanges;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/** A top-level STRUCT / LIST / MAP column, assembled record by record from its leaf columns by parquet-java. */
final class NestedColumnDecoder implements ColumnDecoder {
    private final MessageColumnIO columnIO;
    private final Converter field;
    private final Materializer materializer;
    private int row;
    private RecordReader<Object> reader;

    NestedColumnDecoder(Type prunedFileType, DataType target, MessageType fileSchema, String createdBy) {
        MessageType requested = new MessageType("column", prunedFileType);
        this.columnIO = new ColumnIOFactory(createdBy).getColumnIO(requested, fileSchema);
        this.field = NestedConverters.create(prunedFileType, target, () -> row);
        this.materializer = new Materializer(field);
    }

    @Override
    public void startRowGroup(PageReadStore rowGroup, RowRanges rows) {
        // parquet-java's readers skip rows outside {@code rows} themselves: the store lists the rows it holds
        reader = columnIO.getRecordReader(rowGroup, materializer);
    }

    @Override
    public void decode(FieldVector target, int rows) {
        NestedConverters.bind(field, target);
        for (int i = 0; i < rows; i++) {
            row = i;
            reader.read();
        }
    }

    private static final class Materializer extends RecordMaterializer<Object> {
        private final GroupConverter root;

        Materializer(Converter field) {
            this.root = new GroupConverter() {
                @Override
                public Converter getConverter(int fieldIndex) {
                    return field;
                }

                @Override
                public void start() {
                }

                @Override
                public void end() {
                }
            };
        }

        @Override
        public Object getCurrentRecord() {
            return null;
        }

        @Override
        public GroupConverter getRootConverter() {
            return root;
        }
    }
}
