package io.tarn.catalog.parquet;

import io.tarn.catalog.spi.BatchReader;
import io.tarn.catalog.spi.CatalogException;
import io.tarn.catalog.spi.ColumnConstraint;
import io.tarn.catalog.spi.ScanPlan;
import io.tarn.catalog.spi.RowFilter;
import io.tarn.catalog.spi.ScanRequest;
import io.tarn.catalog.spi.ScanTask;
import io.tarn.catalog.spi.Table;
import io.tarn.catalog.spi.TableAppend;
import io.tarn.catalog.spi.TableFormat;
import io.tarn.catalog.spi.TableStatistics;
import io.tarn.catalog.spi.TableStatistics.ColumnStatistics;
import io.tarn.catalog.type.Column;
import io.tarn.catalog.type.DataType;
import io.tarn.catalog.type.RowSchema;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A table over plain Parquet files (see {@link ParquetFileSet} for what a location may be). Columns come from the
 * declared schema or the first file's footer, followed by hive partition keys. Files are listed at every scan, so
 * files added later are seen; footers are cached while a file is unchanged. Scans prune files by partition values and
 * row groups by footer statistics, one task per run of adjacent surviving row groups up to {@link #TASK_BYTES}.
 */
public final class ParquetTable implements Table {
    static final long TASK_BYTES = 64L * 1024 * 1024;

    private final String name;
    private final String location;
    private final RowSchema schema;
    /** Per column: index of its hive partition key, or -1 for a column read from the files. */
    private final int[] partitionKeyIndex;
    private final List<String> partitionColumns;
    private final Path managedDirectory;

    private ParquetTable(String name, String location, RowSchema schema, List<String> partitionKeys, Path managedDirectory) {
        this.name = name;
        this.location = location;
        this.schema = schema;
        this.managedDirectory = managedDirectory;
        this.partitionKeyIndex = new int[schema.size()];
        List<String> partitions = new ArrayList<>();
        for (int c = 0; c < schema.size(); c++) {
            partitionKeyIndex[c] = indexOfIgnoreCase(partitionKeys, schema.column(c).name());
            if (partitionKeyIndex[c] >= 0) {
                partitions.add(schema.column(c).name());
            }
        }
        this.partitionColumns = List.copyOf(partitions);
    }

    /** A read-only table over {@code pathOrGlob}, which must match at least one file; the schema is inferred. */
    public static ParquetTable open(String name, String pathOrGlob) {
        requireNonNull(name, "name is null");
        ParquetFileSet files = ParquetFileSet.resolve(pathOrGlob).requireFiles();
        return new ParquetTable(name, pathOrGlob, inferSchema(files), files.partitionKeys(), null);
    }

    /**
     * A catalog table. With {@code declared} null the schema is inferred from the files at {@code location}.
     * A {@code managed} table lives in its own directory {@code location} and accepts appends.
     */
    public static ParquetTable catalogTable(String name, String location, RowSchema declared, boolean managed) {
        requireNonNull(name, "name is null");
        requireNonNull(location, "location is null");
        ParquetFileSet files = ParquetFileSet.resolve(location);
        RowSchema schema = declared != null ? declared : inferSchema(files.requireFiles());
        return new ParquetTable(name, location, schema, files.partitionKeys(), managed ? Path.of(location) : null);
    }

    /** Columns of the first file, then the hive keys (BIGINT when every value is an integer, else VARCHAR). */
    public static RowSchema inferSchema(ParquetFileSet files) {
        ParquetMetadata footer = ParquetBatchReader.readFooter(files.files().get(0).path());
        List<Column> columns = new ArrayList<>(ParquetTypes.rowSchema(footer.getFileMetaData().getSchema()).columns());
        RowSchema fileSchema = new RowSchema(columns);
        for (int k = 0; k < files.partitionKeys().size(); k++) {
            String key = files.partitionKeys().get(k);
            if (fileSchema.indexOf(key) < 0) {
                columns.add(new Column(key, allIntegers(files, k) ? DataType.BIGINT : DataType.VARCHAR));
            }
        }
        return new RowSchema(columns);
    }

    private static boolean allIntegers(ParquetFileSet files, int key) {
        for (ParquetFileSet.DataFile file : files.files()) {
            String value = file.partitionValues().get(key);
            if (value != null) {
                try {
                    Long.parseLong(value);
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return true;
    }

    private static int indexOfIgnoreCase(List<String> names, String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public TableFormat format() {
        return TableFormat.PARQUET;
    }

    @Override
    public RowSchema schema() {
        return schema;
    }

    @Override
    public List<String> partitionColumns() {
        return partitionColumns;
    }

    public String location() {
        return location;
    }

    @Override
    public ScanPlan planScan(ScanRequest request) {
        requireNonNull(request, "request is null");
        ParquetFileSet files = ParquetFileSet.resolve(location);
        List<ScanTask> tasks = new ArrayList<>();
        int pruned = 0;
        long rows = 0;
        for (ParquetFileSet.DataFile file : files.files()) {
            List<Object> partitionValues = partitionValues(file, files.partitionKeys());
            if (!partitionsMightMatch(request.constraints(), partitionValues, files.partitionKeys())) {
                pruned++;
                continue;
            }
            List<BlockMetaData> blocks = footer(file.path()).getBlocks();
            List<Integer> run = new ArrayList<>();
            long runBytes = 0;
            long runRows = 0;
            int tasksBefore = tasks.size();
            for (int b = 0; b < blocks.size(); b++) {
                BlockMetaData block = blocks.get(b);
                boolean keep = block.getRowCount() > 0 && rowGroupMightMatch(request.constraints(), block);
                if (keep) {
                    run.add(b);
                    runBytes += block.getCompressedSize();
                    runRows += block.getRowCount();
                }
                boolean runEnds = !keep || runBytes >= TASK_BYTES || b == blocks.size() - 1;
                if (runEnds && !run.isEmpty()) {
                    tasks.add(new ParquetScanTask(file.path().toString(), run.stream().mapToInt(Integer::intValue).toArray(),
                            runRows, partitionValues));
                    rows += runRows;
                    run.clear();
                    runBytes = 0;
                    runRows = 0;
                }
            }
            if (tasks.size() == tasksBefore) {
                pruned++;
            }
        }
        return new ScanPlan(tasks, files.files().size(), pruned, rows);
    }

    /** Partition values of {@code file} converted to the types of their columns, in key order. */
    private List<Object> partitionValues(ParquetFileSet.DataFile file, List<String> keys) {
        List<Object> values = new ArrayList<>(keys.size());
        for (int k = 0; k < keys.size(); k++) {
            int column = schema.indexOf(keys.get(k));
            String raw = file.partitionValues().get(k);
            values.add(column < 0 || partitionKeyIndex[column] < 0 ? raw : partitionValue(raw, schema.column(column).type(), file));
        }
        return values;
    }

    private static Object partitionValue(String raw, DataType type, ParquetFileSet.DataFile file) {
        if (raw == null) {
            return null;
        }
        try {
            return switch (type.kind()) {
                case TINYINT, SMALLINT, INTEGER, BIGINT -> Long.parseLong(raw);
                case DECIMAL -> new BigDecimal(raw).setScale(type.scale(), RoundingMode.UNNECESSARY);
                case REAL, DOUBLE -> Double.parseDouble(raw);
                case BOOLEAN -> Boolean.parseBoolean(raw);
                case DATE -> (int) LocalDate.parse(raw).toEpochDay();
                case CHAR, VARCHAR -> raw;
                default -> throw new IllegalArgumentException("partition columns of type " + type + " are not supported");
            };
        } catch (RuntimeException e) {
            throw new CatalogException(CatalogException.DATA_EXCEPTION, "partition value '" + raw + "' of " + file.path()
                    + " is not a valid " + type + ": " + e.getMessage(), e);
        }
    }

    private boolean partitionsMightMatch(List<ColumnConstraint> constraints, List<Object> values, List<String> keys) {
        for (ColumnConstraint constraint : constraints) {
            int key = constraint.column() >= 0 && constraint.column() < schema.size() ? partitionKeyIndex[constraint.column()] : -1;
            if (key >= 0) {
                Object value = values.get(key);
                StatisticsPruning.Bounds bounds = value == null ? null : new StatisticsPruning.Bounds(value, value);
                if (!StatisticsPruning.mightMatch(constraint, bounds, value == null ? 1 : 0, 1)) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean rowGroupMightMatch(List<ColumnConstraint> constraints, BlockMetaData block) {
        return StatisticsPruning.rowGroupMightMatch(constraints, block, column -> constrainedChunk(block, column));
    }

    /** The chunk holding table column {@code column} in a row group, or null (a partition key, nested or absent). */
    private ColumnChunkMetaData constrainedChunk(BlockMetaData block, int column) {
        return column < 0 || column >= schema.size() || partitionKeyIndex[column] >= 0
                ? null : chunk(block, schema.column(column).name());
    }

    /** The chunk of a top-level primitive column, or null (nested or absent). */
    private static ColumnChunkMetaData chunk(BlockMetaData block, String column) {
        for (ColumnChunkMetaData chunk : block.getColumns()) {
            String[] path = chunk.getPath().toArray();
            if (path.length == 1 && path[0].equalsIgnoreCase(column)) {
                return chunk;
            }
        }
        return null;
    }

    private static ParquetMetadata footer(Path file) {
        try {
            return FooterCache.footer(file);
        } catch (IOException e) {
            throw new CatalogException(CatalogException.IO_ERROR, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public BatchReader openReader(ScanTask task, ScanRequest request, Optional<RowFilter> filter,
                                  BufferAllocator allocator) {
        requireNonNull(task, "task is null");
        requireNonNull(request, "request is null");
        ParquetScanTask parquetTask = (ParquetScanTask) task;
        List<ReadColumn> columns = new ArrayList<>();
        for (int index : request.projection()) {
            Column column = schema.column(index);
            int key = partitionKeyIndex[index];
            columns.add(key >= 0 ? ReadColumn.constant(column.name(), column.type(), parquetTask.partitionValues().get(key))
                    : ReadColumn.fromFile(column.name(), column.type()));
        }
        // the request's constraints may be narrower than the plan's (a join's runtime filter): checked again here
        RowGroupSelector rowGroups = RowGroupSelector.indexes(parquetTask.rowGroups())
                .and(RowGroupSelector.statisticsMatch(request.constraints(), this::constrainedChunk));
        return ParquetBatchReader.open(Path.of(parquetTask.path()), columns, request.outputColumns(), rowGroups,
                request.batchSize(), filter, allocator);
    }

    @Override
    public TableStatistics statistics() {
        ParquetFileSet files = ParquetFileSet.resolve(location);
        long rows = 0;
        ColumnStatisticsAccumulator[] columns = new ColumnStatisticsAccumulator[schema.size()];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = new ColumnStatisticsAccumulator();
        }
        for (ParquetFileSet.DataFile file : files.files()) {
            List<Object> partitionValues = partitionValues(file, files.partitionKeys());
            for (BlockMetaData block : footer(file.path()).getBlocks()) {
                rows += block.getRowCount();
                for (int c = 0; c < columns.length; c++) {
                    int key = partitionKeyIndex[c];
                    if (key >= 0) {
                        Object value = partitionValues.get(key);
                        columns[c].add(value == null ? null : new StatisticsPruning.Bounds(value, value),
                                value == null ? block.getRowCount() : 0, block.getRowCount());
                    } else {
                        ColumnChunkMetaData chunk = chunk(block, schema.column(c).name());
                        if (chunk == null) {
                            columns[c].add(null, block.getRowCount(), block.getRowCount());
                        } else {
                            var statistics = chunk.getStatistics();
                            long nulls = statistics == null || statistics.isEmpty() || !statistics.isNumNullsSet()
                                    ? -1 : statistics.getNumNulls();
                            columns[c].add(StatisticsPruning.bounds(chunk.getPrimitiveType(), statistics), nulls, block.getRowCount());
                        }
                    }
                }
            }
        }
        List<ColumnStatistics> result = new ArrayList<>();
        for (ColumnStatisticsAccumulator column : columns) {
            result.add(column.result());
        }
        return new TableStatistics(rows, result);
    }

    @Override
    public TableAppend newAppend() {
        if (managedDirectory == null) {
            return Table.super.newAppend();
        }
        return new ParquetAppend(name, schema, managedDirectory);
    }
}
