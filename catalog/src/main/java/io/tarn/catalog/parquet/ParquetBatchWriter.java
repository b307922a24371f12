package io.tarn.catalog.parquet;

import io.tarn.catalog.spi.CatalogException;
import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.RowSchema;
import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Writes Arrow batches to one local Parquet file: ZSTD, column statistics, row groups bounded by bytes and rows.
 * Usage: {@code try (var w = ParquetBatchWriter.open(file, schema)) { w.write(batch); }}; the file is complete after close.
 * Batches are not closed by write; their vectors must follow {@link io.tarn.catalog.type.ArrowTypes} for the schema.
 */
public final class ParquetBatchWriter implements AutoCloseable {

    /**
     * Row group limits: a row group ends when either is reached. A scan splits across threads by row group, so the
     * default caps groups at {@value #DEFAULT_ROW_GROUP_ROWS} rows: with bytes alone, SF 1 lineitem was one group of
     * 5.5M rows and one of 0.5M, and a two-thread scan of it ran on one thread.
     */
    public record Options(long rowGroupBytes, int rowGroupRows) {
        public static final int DEFAULT_ROW_GROUP_ROWS = 262_144;
        public static final Options DEFAULT = new Options(128L * 1024 * 1024, DEFAULT_ROW_GROUP_ROWS);
    }

    private final Path file;
    private final RowSchema schema;
    private final RowWriteSupport writeSupport;
    private final ParquetWriter<RowPosition> writer;
    private final RowPosition position = new RowPosition();
    private long rowCount;
    private ParquetMetadata footer;

    private ParquetBatchWriter(Path file, RowSchema schema, MessageType fileSchema, Options options) throws IOException {
        this.file = file;
        this.schema = schema;
        this.writeSupport = new RowWriteSupport(fileSchema);
        this.writer = new Builder(new LocalOutputFile(file), writeSupport)
                .withConf(new PlainParquetConfiguration())
                .withWriteMode(ParquetFileWriter.Mode.CREATE)
                .withCompressionCodec(CompressionCodecName.ZSTD)
                .withRowGroupSize(options.rowGroupBytes())
                .withRowGroupRowCountLimit(options.rowGroupRows())
                .build();
    }

    /**
     * Creates {@code file} (which must not exist; missing parent directories are created) for rows of {@code schema},
     * with the default row group size.
     */
    public static ParquetBatchWriter open(Path file, RowSchema schema) {
        return open(file, schema, Options.DEFAULT);
    }

    public static ParquetBatchWriter open(Path file, RowSchema schema, Options options) {
        requireNonNull(schema, "schema is null");
        return open(file, schema, ParquetTypes.messageType(schema), options);
    }

    /**
     * Writes columns of {@code schema} with the given Parquet file schema (same top-level fields in the same order), e.g.
     * one carrying Iceberg field ids.
     */
    public static ParquetBatchWriter open(Path file, RowSchema schema, MessageType fileSchema, Options options) {
        requireNonNull(file, "file is null");
        requireNonNull(schema, "schema is null");
        requireNonNull(fileSchema, "fileSchema is null");
        requireNonNull(options, "options is null");
        if (fileSchema.getFieldCount() != schema.size()) {
            throw new IllegalArgumentException("file schema has " + fileSchema.getFieldCount() + " fields, row schema " + schema.size());
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return new ParquetBatchWriter(file, schema, fileSchema, options);
        } catch (IOException | RuntimeException e) {
            throw new CatalogException(CatalogException.IO_ERROR, "cannot create Parquet file " + file + ": " + e.getMessage(), e);
        }
    }

    public void write(Batch batch) {
        requireNonNull(batch, "batch is null");
        write(batch, null, batch.rowCount());
    }

    /** Writes the rows {@code rows[0..count)} of {@code batch}, or its first {@code count} rows when {@code rows} is null. */
    public void write(Batch batch, int[] rows, int count) {
        requireNonNull(batch, "batch is null");
        if (batch.columnCount() != schema.size()) {
            throw new CatalogException(CatalogException.DATA_EXCEPTION, "batch has " + batch.columnCount()
                    + " columns, file " + file + " has " + schema.size());
        }
        writeSupport.startBatch(batch);
        position.batch = batch;
        try {
            for (int i = 0; i < count; i++) {
                position.row = rows == null ? i : rows[i];
                writer.write(position);
            }
        } catch (IOException e) {
            throw new CatalogException(CatalogException.IO_ERROR, "cannot write Parquet file " + file + ": " + e.getMessage(), e);
        }
        rowCount += count;
    }

    public long rowCount() {
        return rowCount;
    }

    /** Bytes written so far plus those buffered for the open row group; decides when to start a new file. */
    public long dataSize() {
        return writer.getDataSize();
    }

    public Path file() {
        return file;
    }

    /** The footer of the finished file; available after {@link #close()}. */
    public ParquetMetadata footer() {
        if (footer == null) {
            throw new IllegalStateException("writer of " + file + " is not closed");
        }
        return footer;
    }

    @Override
    public void close() {
        if (footer != null) {
            return;
        }
        try {
            writer.close();
            footer = writer.getFooter();
        } catch (IOException e) {
            throw new CatalogException(CatalogException.IO_ERROR, "cannot finish Parquet file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The row being written; one mutable instance avoids an object per row. */
    private static final class RowPosition {
        Batch batch;
        int row;
    }

    private static final class Builder extends ParquetWriter.Builder<RowPosition, Builder> {
        private final RowWriteSupport writeSupport;

        Builder(OutputFile file, RowWriteSupport writeSupport) {
            super(file);
            this.writeSupport = writeSupport;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<RowPosition> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return writeSupport;
        }

        @Override
        protected WriteSupport<RowPosition> getWriteSupport(org.apache.parquet.conf.ParquetConfiguration conf) {
            return writeSupport;
        }
    }

    /** Turns one row of the current batch into Parquet record events. */
    private static final class RowWriteSupport extends WriteSupport<RowPosition> {
        private final MessageType fileSchema;
        private RecordConsumer consumer;
        private ValueEmitter[] emitters;

        RowWriteSupport(MessageType fileSchema) {
            this.fileSchema = fileSchema;
        }

        void startBatch(Batch batch) {
            ValueEmitter[] result = new ValueEmitter[batch.columnCount()];
            for (int c = 0; c < result.length; c++) {
                result[c] = ValueEmitter.forColumn(fileSchema.getType(c), batch.column(c));
            }
            emitters = result;
        }

        @Override
        public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
            return new WriteContext(fileSchema, Map.of());
        }

        @Override
        public WriteContext init(org.apache.parquet.conf.ParquetConfiguration configuration) {
            return new WriteContext(fileSchema, Map.of());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(RowPosition position) {
            consumer.startMessage();
            for (int c = 0; c < emitters.length; c++) {
                FieldVector vector = position.batch.column(c);
                if (vector.isNull(position.row)) {
                    if (fileSchema.getType(c).isRepetition(Type.Repetition.REQUIRED)) {
                        throw new CatalogException("23502", "NULL value in NOT NULL column " + fileSchema.getFieldName(c));
                    }
                    continue;
                }
                String name = fileSchema.getFieldName(c);
                consumer.startField(name, c);
                emitters[c].emit(consumer, vector, position.row);
                consumer.endField(name, c);
            }
            consumer.endMessage();
        }
    }
}
