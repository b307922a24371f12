package io.tarn.catalog.iceberg;

import io.tarn.catalog.BatchValidation;
import io.tarn.catalog.parquet.ParquetBatchWriter;
import io.tarn.catalog.spi.CatalogException;
import io.tarn.catalog.spi.TableAppend;
import io.tarn.catalog.type.Batch;
import io.tarn.catalog.type.RowSchema;
import io.tarn.catalog.type.Values;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.PartitionData;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.parquet.ParquetSchemaUtil;
import org.apache.iceberg.parquet.ParquetUtil;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.util.PropertyUtil;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.MessageType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * Writes batches to new Parquet data files (per partition value, rolled at the table's target file size, row groups
 * of its {@code write.parquet.row-group-size-bytes}) under the table's data location and publishes
 * them in one Iceberg append commit. Until then the files are invisible; closing without commit deletes them.
 */
final class IcebergAppend implements TableAppend {
    private enum State { OPEN, COMMITTED, CLOSED }

    private final String name;
    private final org.apache.iceberg.Table table;
    private final RowSchema schema;
    private final MessageType fileSchema;
    private final PartitionSpec spec;
    private final int[] partitionColumns;
    private final Type[] partitionSourceTypes;
    private final ParquetBatchWriter.Options writerOptions;
    private final long targetFileBytes;
    private final Map<List<Object>, DataFileWriter> writers = new LinkedHashMap<>();
    /** Files that reached the target size; committed together with the open ones. */
    private final List<DataFileWriter> finished = new ArrayList<>();
    private State state = State.OPEN;

    /** One open data file with the partition tuple all its rows share. */
    private record DataFileWriter(String location, ParquetBatchWriter writer, PartitionData partition) {
    }

    IcebergAppend(String name, org.apache.iceberg.Table table, RowSchema schema, int[] fieldIds) {
        this.name = name;
        this.table = table;
        this.schema = schema;
        this.fileSchema = ParquetSchemaUtil.convert(table.schema(), "table");
        this.spec = table.spec();
        Map<String, String> properties = table.properties();
        this.writerOptions = new ParquetBatchWriter.Options(PropertyUtil.propertyAsLong(properties,
                TableProperties.PARQUET_ROW_GROUP_SIZE_BYTES, TableProperties.PARQUET_ROW_GROUP_SIZE_BYTES_DEFAULT),
                ParquetBatchWriter.Options.DEFAULT_ROW_GROUP_ROWS);
        this.targetFileBytes = PropertyUtil.propertyAsLong(properties, TableProperties.WRITE_TARGET_FILE_SIZE_BYTES,
                TableProperties.WRITE_TARGET_FILE_SIZE_BYTES_DEFAULT);
        List<PartitionField> fields = spec.fields();
        this.partitionColumns = new int[fields.size()];
        this.partitionSourceTypes = new Type[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            PartitionField field = fields.get(i);
            if (!field.transform().isIdentity()) {
                throw new CatalogException("0A000", "table " + name + " uses partition transform " + field.transform()
                        + "; Tarn can only append to identity-partitioned tables");
            }
            partitionColumns[i] = indexOf(fieldIds, field.sourceId());
            partitionSourceTypes[i] = table.schema().findType(field.sourceId());
        }
    }

    private static int indexOf(int[] values, int value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        throw new IllegalStateException("partition source field " + value + " is not a top-level column");
    }

    @Override
    public void write(Batch batch) {
        requireNonNull(batch, "batch is null");
        if (state != State.OPEN) {
            throw new IllegalStateException("append to " + name + " is already " + state);
        }
        BatchValidation.check(name, schema, batch);
        if (batch.rowCount() == 0) {
            return;
        }
        if (partitionColumns.length == 0) {
            write(List.of(), batch, null, batch.rowCount());
            return;
        }
        Map<List<Object>, int[]> rowsByPartition = new LinkedHashMap<>();
        Map<List<Object>, Integer> counts = new LinkedHashMap<>();
        for (int row = 0; row < batch.rowCount(); row++) {
            List<Object> key = new ArrayList<>(partitionColumns.length);
            for (int column : partitionColumns) {
                Object value = Values.get(batch.column(column), row);
                // byte[] has identity equality; a ByteBuffer key groups equal binary values
                key.add(value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : value);
            }
            int[] rows = rowsByPartition.computeIfAbsent(key, k -> new int[batch.rowCount()]);
            int count = counts.merge(key, 1, Integer::sum);
            rows[count - 1] = row;
        }
        for (Map.Entry<List<Object>, int[]> entry : rowsByPartition.entrySet()) {
            write(entry.getKey(), batch, entry.getValue(), counts.get(entry.getKey()));
        }
    }

    /** Writes rows to the partition's open file, closing that file once it reaches the target size. */
    private void write(List<Object> partition, Batch batch, int[] rows, int count) {
        DataFileWriter writer = writerFor(partition);
        writer.writer().write(batch, rows, count);
        if (writer.writer().dataSize() >= targetFileBytes) {
            writer.writer().close();
            finished.add(writers.remove(partition));
        }
    }

    private DataFileWriter writerFor(List<Object> key) {
        DataFileWriter existing = writers.get(key);
        if (existing != null) {
            return existing;
        }
        String fileName = FileFormat.PARQUET.addExtension(UUID.randomUUID().toString());
        PartitionData partition = null;
        String location;
        if (spec.isUnpartitioned()) {
            location = table.locationProvider().newDataLocation(fileName);
        } else {
            partition = new PartitionData(spec.partitionType());
            for (int i = 0; i < key.size(); i++) {
                partition.set(i, IcebergValues.toIceberg(partitionSourceTypes[i], key.get(i)));
            }
            location = table.locationProvider().newDataLocation(spec, partition, fileName);
        }
        Path path = LocalFileIO.toPath(location);
        try {
            Files.createDirectories(path.getParent());
        } catch (IOException e) {
            throw new CatalogException(CatalogException.IO_ERROR, "cannot create directory " + path.getParent(), e);
        }
        DataFileWriter writer = new DataFileWriter(location,
                ParquetBatchWriter.open(path, schema, fileSchema, writerOptions), partition);
        writers.put(key, writer);
        return writer;
    }

    @Override
    public long commit() {
        if (state != State.OPEN) {
            throw new IllegalStateException("append to " + name + " is already " + state);
        }
        try {
            long rows = 0;
            List<DataFile> files = new ArrayList<>();
            MetricsConfig metricsConfig = MetricsConfig.forTable(table);
            List<DataFileWriter> all = new ArrayList<>(finished);
            all.addAll(writers.values());
            for (DataFileWriter writer : all) {
                writer.writer().close();
                rows += writer.writer().rowCount();
                files.add(dataFile(writer, metricsConfig));
            }
            if (!files.isEmpty()) {
                AppendFiles append = table.newAppend();
                files.forEach(append::appendFile);
                append.commit();
            }
            state = State.COMMITTED;
            return rows;
        } catch (RuntimeException e) {
            discard();
            if (e instanceof CatalogException) {
                throw e;
            }
            throw new CatalogException(CatalogException.IO_ERROR, "cannot commit append to " + name + ": " + e.getMessage(), e);
        }
    }

    private DataFile dataFile(DataFileWriter writer, MetricsConfig metricsConfig) {
        ParquetMetadata footer = writer.writer().footer();
        long size;
        try {
            size = Files.size(writer.writer().file());
        } catch (IOException e) {
            throw new CatalogException(CatalogException.IO_ERROR, "cannot stat " + writer.writer().file(), e);
        }
        DataFiles.Builder builder = DataFiles.builder(spec)
                .withPath(writer.location())
                .withFormat(FileFormat.PARQUET)
                .withFileSizeInBytes(size)
                .withMetrics(ParquetUtil.footerMetrics(footer, Stream.empty(), metricsConfig))
                .withSplitOffsets(ParquetUtil.getSplitOffsets(footer));
        if (writer.partition() != null) {
            builder.withPartition(writer.partition());
        }
        return builder.build();
    }

    @Override
    public void close() {
        if (state == State.OPEN) {
            discard();
        }
    }

    /** Closes and deletes every file written; the table never referenced them. */
    private void discard() {
        state = State.CLOSED;
        RuntimeException failure = null;
        List<DataFileWriter> all = new ArrayList<>(finished);
        all.addAll(writers.values());
        for (DataFileWriter writer : all) {
            try {
                writer.writer().close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
            try {
                Files.deleteIfExists(writer.writer().file());
            } catch (IOException e) {
                failure = failure == null ? new CatalogException(CatalogException.IO_ERROR,
                        "cannot delete " + writer.writer().file(), e) : failure;
            }
        }
        writers.clear();
        finished.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
