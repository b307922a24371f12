package io.tarn.catalog.iceberg;

import io.tarn.catalog.SchemaJson;
import io.tarn.catalog.parquet.ParquetBatchReader;
import io.tarn.catalog.parquet.ReadColumn;
import io.tarn.catalog.parquet.RowGroupSelector;
import io.tarn.catalog.spi.BatchReader;
import io.tarn.catalog.spi.CatalogException;
import io.tarn.catalog.spi.ScanPlan;
import io.tarn.catalog.spi.RowFilter;
import io.tarn.catalog.spi.ScanRequest;
import io.tarn.catalog.spi.ScanTask;
import io.tarn.catalog.spi.Table;
import io.tarn.catalog.spi.TableAppend;
import io.tarn.catalog.spi.TableFormat;
import io.tarn.catalog.spi.TableStatistics;
import io.tarn.catalog.type.Column;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.TableScan;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.PropertyUtil;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.schema.Type;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.Objects.requireNonNull;

/** An Iceberg table (format v2, Parquet data files) read and appended through Tarn's own Parquet reader and writer. */
public final class IcebergTable implements Table {
    /** Table property holding the declared Tarn types (JSON, keyed by field id) that Iceberg cannot express. */
    public static final String COLUMN_TYPES_PROPERTY = "tarn.column-types";
    /** Small enough that a table of a few hundred MB still gives every thread several tasks to balance. */
    private static final long DEFAULT_SPLIT_BYTES = 32L * 1024 * 1024;

    private final String name;
    private final org.apache.iceberg.Table table;
    private final RowSchema schema;
    private final int[] fieldIds;
    private final List<String> partitionColumns;
    private volatile CachedStatistics cachedStatistics;

    private record CachedStatistics(long snapshotId, TableStatistics statistics) {
    }

    public IcebergTable(String name, org.apache.iceberg.Table table) {
        this.name = requireNonNull(name, "name is null");
        this.table = requireNonNull(table, "table is null");
        Map<Integer, DataType> declared = declaredTypes(table);
        List<Types.NestedField> fields = table.schema().columns();
        List<Column> columns = new ArrayList<>();
        this.fieldIds = new int[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            Types.NestedField field = fields.get(i);
            fieldIds[i] = field.fieldId();
            columns.add(new Column(field.name(), tarnType(field, declared.get(field.fieldId()))));
        }
        this.schema = new RowSchema(columns);
        List<String> partitions = new ArrayList<>();
        for (PartitionField field : table.spec().fields()) {
            if (field.transform().isIdentity()) {
                partitions.add(table.schema().findColumnName(field.sourceId()));
            }
        }
        this.partitionColumns = List.copyOf(partitions);
    }

    private static Map<Integer, DataType> declaredTypes(org.apache.iceberg.Table table) {
        String json = table.properties().get(COLUMN_TYPES_PROPERTY);
        return json == null ? Map.of() : SchemaJson.readTypes(json);
    }

    /** The declared type if it still describes the column (it may have been altered by another engine), else Iceberg's. */
    private static DataType tarnType(Types.NestedField field, DataType declared) {
        DataType stored = IcebergTypes.dataType(field);
        if (declared == null) {
            return stored;
        }
        try {
            Types.NestedField declaredField = Types.NestedField.of(field.fieldId(), field.isOptional(), field.name(),
                    IcebergTypes.icebergType(field.name(), declared, new AtomicInteger()));
            return IcebergTypes.dataType(declaredField).equals(stored) ? declared.withNullable(field.isOptional()) : stored;
        } catch (CatalogException e) {
            return stored;
        }
    }

    org.apache.iceberg.Table icebergTable() {
        return table;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public TableFormat format() {
        return TableFormat.ICEBERG;
    }

    @Override
    public RowSchema schema() {
        return schema;
    }

    @Override
    public List<String> partitionColumns() {
        return partitionColumns;
    }

    @Override
    public TableStatistics statistics() {
        try {
            return currentStatistics();
        } catch (CatalogException e) {
            throw e;
        } catch (RuntimeException e) {
            throw metadataFailure(e);
        }
    }

    private TableStatistics currentStatistics() {
        table.refresh();
        Snapshot snapshot = table.currentSnapshot();
        long snapshotId = snapshot == null ? -1 : snapshot.snapshotId();
        CachedStatistics cached = cachedStatistics;
        if (cached == null || cached.snapshotId() != snapshotId) {
            cached = new CachedStatistics(snapshotId, IcebergStatistics.compute(table, snapshot, schema, fieldIds));
            cachedStatistics = cached;
        }
        return cached.statistics();
    }

    @Override
    public ScanPlan planScan(ScanRequest request) {
        requireNonNull(request, "request is null");
        try {
            return plan(request);
        } catch (CatalogException e) {
            throw e;
        } catch (RuntimeException e) {
            throw metadataFailure(e);
        }
    }

    private CatalogException metadataFailure(RuntimeException e) {
        return new CatalogException(CatalogException.IO_ERROR, "cannot read Iceberg metadata of " + name + ": " + e.getMessage(), e);
    }

    private ScanPlan plan(ScanRequest request) {
        table.refresh();
        Snapshot snapshot = table.currentSnapshot();
        if (snapshot == null) {
            return new ScanPlan(List.of(), 0, 0, 0);
        }
        TableScan scan = IcebergScans.newScan(table, snapshot)
                .filter(IcebergFilters.toExpression(request.constraints(), schema, table.schema()));
        if (request.projection().length > 0) {
            List<String> names = new ArrayList<>();
            for (int index : request.projection()) {
                names.add(schema.column(index).name());
            }
            scan = scan.select(names);
        }
        long splitBytes = PropertyUtil.propertyAsLong(table.properties(), TableProperties.SPLIT_SIZE, DEFAULT_SPLIT_BYTES);
        List<ScanTask> tasks = new ArrayList<>();
        Set<String> files = new HashSet<>();
        long rows = 0;
        try (CloseableIterable<FileScanTask> planned = scan.planFiles()) {
            for (FileScanTask fileTask : planned) {
                if (!fileTask.deletes().isEmpty()) {
                    throw new CatalogException("0A000", "table " + name + " has delete files, which Tarn cannot read yet");
                }
                DataFile file = fileTask.file();
                if (file.format() != FileFormat.PARQUET) {
                    throw new CatalogException("0A000", "table " + name + " has " + file.format() + " data file "
                            + file.location() + "; Tarn reads only Parquet");
                }
                files.add(file.location());
                Map<Integer, Object> partitionValues = identityValues(file);
                List<FileScanTask> splits = new ArrayList<>();
                fileTask.split(splitBytes).forEach(splits::add);
                long coveredBytes = splits.stream().mapToLong(FileScanTask::length).sum();
                long rowsLeft = file.recordCount();
                for (int i = 0; i < splits.size(); i++) {
                    FileScanTask split = splits.get(i);
                    // rows spread over splits by size; the last split takes the rounding remainder
                    long splitRows = i == splits.size() - 1 ? rowsLeft : file.recordCount() * split.length() / coveredBytes;
                    rowsLeft -= splitRows;
                    tasks.add(new IcebergScanTask(file.location(), split.start(), split.length(), splitRows, partitionValues));
                }
                rows += file.recordCount();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int totalFiles = totalDataFiles(snapshot, files.size());
        return new ScanPlan(tasks, totalFiles, totalFiles - files.size(), rows);
    }

    private static int totalDataFiles(Snapshot snapshot, int planned) {
        String total = snapshot.summary().get(SnapshotSummary.TOTAL_DATA_FILES_PROP);
        return total == null ? planned : Integer.parseInt(total);
    }

    private Map<Integer, Object> identityValues(DataFile file) {
        PartitionSpec spec = table.specs().get(file.specId());
        Map<Integer, Object> values = new HashMap<>();
        List<PartitionField> fields = spec.fields();
        for (int i = 0; i < fields.size(); i++) {
            PartitionField field = fields.get(i);
            if (field.transform().isIdentity()) {
                Object value = file.partition().get(i, Object.class);
                values.put(field.sourceId(), IcebergValues.toCanonical(table.schema().findType(field.sourceId()), value));
            }
        }
        return values;
    }

    @Override
    public BatchReader openReader(ScanTask task, ScanRequest request, Optional<RowFilter> filter,
                                  BufferAllocator allocator) {
        requireNonNull(task, "task is null");
        requireNonNull(request, "request is null");
        IcebergScanTask icebergTask = (IcebergScanTask) task;
        List<ReadColumn> columns = new ArrayList<>();
        for (int index : request.projection()) {
            Column column = schema.column(index);
            int fieldId = fieldIds[index];
            if (icebergTask.partitionValues().containsKey(fieldId)) {
                columns.add(ReadColumn.constant(column.name(), column.type(), icebergTask.partitionValues().get(fieldId)));
            } else {
                columns.add(ReadColumn.fromFile(column.name(), column.type(), fieldId));
            }
        }
        // Iceberg pruned files by their metrics; a file's row groups are pruned by their own statistics here
        RowGroupSelector rowGroups = RowGroupSelector.byteRange(icebergTask.start(), icebergTask.length())
                .and(RowGroupSelector.statisticsMatch(request.constraints(),
                        (block, column) -> column < 0 || column >= fieldIds.length
                                ? null : chunkOfField(block, fieldIds[column], icebergTask)));
        return ParquetBatchReader.open(LocalFileIO.toPath(icebergTask.path()), columns, request.outputColumns(), rowGroups,
                request.batchSize(), filter, allocator);
    }

    /** The chunk of a top-level column with this field id in a row group, or null (a partition value, nested or absent). */
    private static ColumnChunkMetaData chunkOfField(BlockMetaData block, int fieldId, IcebergScanTask task) {
        if (task.partitionValues().containsKey(fieldId)) {
            return null;
        }
        for (ColumnChunkMetaData chunk : block.getColumns()) {
            Type.ID id = chunk.getPrimitiveType().getId();
            if (chunk.getPath().size() == 1 && id != null && id.intValue() == fieldId) {
                return chunk;
            }
        }
        return null;
    }

    @Override
    public TableAppend newAppend() {
        return new IcebergAppend(name, table, schema, fieldIds);
    }
}
