package io.tarn.catalog.iceberg;

import io.tarn.catalog.CanonicalOrder;
import io.tarn.catalog.spi.TableStatistics;
import io.tarn.catalog.spi.TableStatistics.ColumnStatistics;
import io.tarn.catalog.type.RowSchema;
import org.apache.iceberg.BlobMetadata;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.StatisticsFile;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.puffin.StandardBlobTypes;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.util.SnapshotUtil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Table statistics of one snapshot: the row count from the snapshot summary, per-column min / max / null counts
 * aggregated from the data files' metrics in the manifests, and distinct counts from the table's Puffin statistics
 * (the {@code ndv} of a theta sketch blob, as Trino and Spark write them) for the snapshot or its nearest ancestor
 * that has them; else unknown.
 */
final class IcebergStatistics {
    /** The blob property holding a theta sketch's estimate (Iceberg's Puffin spec names it). */
    private static final String NDV_PROPERTY = "ndv";
    /**
     * A snapshot never changes, so its statistics are computed once per process: planning asks for them on every
     * statement, and reading the manifests each time cost more than planning itself.
     */
    private static final int CACHED_SNAPSHOTS = 1024;
    private static final Map<String, TableStatistics> CACHE = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, TableStatistics> eldest) {
                    return size() > CACHED_SNAPSHOTS;
                }
            });

    private IcebergStatistics() {
    }

    static TableStatistics compute(org.apache.iceberg.Table table, Snapshot snapshot, RowSchema schema, int[] fieldIds) {
        if (snapshot == null) {
            return scan(table, null, schema, fieldIds);
        }
        // the schema and the statistics files are part of the key: both change without a new snapshot
        String key = table.location() + "@" + snapshot.snapshotId() + java.util.Arrays.toString(fieldIds) + schema
                + table.statisticsFiles().stream().map(StatisticsFile::path).toList();
        TableStatistics cached = CACHE.get(key);
        if (cached == null) {
            cached = scan(table, snapshot, schema, fieldIds);
            CACHE.put(key, cached);
        }
        return cached;
    }

    private static TableStatistics scan(org.apache.iceberg.Table table, Snapshot snapshot, RowSchema schema, int[] fieldIds) {
        if (snapshot == null) {
            List<ColumnStatistics> empty = new ArrayList<>();
            for (int i = 0; i < schema.size(); i++) {
                empty.add(new ColumnStatistics(0, 0, null, null));
            }
            return new TableStatistics(0, empty);
        }
        Accumulator[] columns = new Accumulator[fieldIds.length];
        for (int i = 0; i < columns.length; i++) {
            Type type = table.schema().findType(fieldIds[i]);
            columns[i] = new Accumulator(fieldIds[i], type.isPrimitiveType() ? type : null);
        }
        long rows = 0;
        try (CloseableIterable<FileScanTask> files = IcebergScans.newScan(table, snapshot)
                .includeColumnStats().planFiles()) {
            for (FileScanTask task : files) {
                DataFile file = task.file();
                rows += file.recordCount();
                for (Accumulator column : columns) {
                    column.add(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String total = snapshot.summary().get(SnapshotSummary.TOTAL_RECORDS_PROP);
        long rowCount = total == null ? rows : Long.parseLong(total);
        Map<Integer, Long> distinctCounts = distinctCounts(table, snapshot);
        List<ColumnStatistics> result = new ArrayList<>();
        for (Accumulator column : columns) {
            ColumnStatistics statistics = column.result();
            Long distinct = distinctCounts.get(column.fieldId);
            // a sketch of an ancestor snapshot may count values deleted since; never more than the rows
            result.add(distinct == null ? statistics : new ColumnStatistics(statistics.nullCount(),
                    Math.min(distinct, rowCount), statistics.min(), statistics.max()));
        }
        return new TableStatistics(rowCount, result);
    }

    /** Field id to distinct count, from the statistics file of the snapshot or of its nearest ancestor with one. */
    private static Map<Integer, Long> distinctCounts(org.apache.iceberg.Table table, Snapshot snapshot) {
        Map<Long, StatisticsFile> files = new HashMap<>();
        for (StatisticsFile file : table.statisticsFiles()) {
            files.put(file.snapshotId(), file);
        }
        Map<Integer, Long> counts = new HashMap<>();
        if (files.isEmpty()) {
            return counts;
        }
        for (Snapshot ancestor : SnapshotUtil.ancestorsOf(snapshot.snapshotId(), table::snapshot)) {
            StatisticsFile file = files.get(ancestor.snapshotId());
            if (file == null) {
                continue;
            }
            for (BlobMetadata blob : file.blobMetadata()) {
                String ndv = blob.properties().get(NDV_PROPERTY);
                if (blob.type().equals(StandardBlobTypes.APACHE_DATASKETCHES_THETA_V1) && blob.fields().size() == 1 && ndv != null) {
                    try {
                        counts.putIfAbsent(blob.fields().get(0), Long.parseLong(ndv));
                    } catch (NumberFormatException e) {
                        // a malformed property is no statistic; the column's distinct count stays unknown
                    }
                }
            }
            return counts;
        }
        return counts;
    }

    /** Folds the metrics of one column over all files; any file without a metric makes that metric unknown. */
    private static final class Accumulator {
        private final int fieldId;
        private final Type type;
        private long nulls;
        private boolean nullsKnown = true;
        private Object min;
        private Object max;
        private boolean boundsKnown;

        Accumulator(int fieldId, Type primitiveType) {
            this.fieldId = fieldId;
            this.type = primitiveType;
            this.boundsKnown = primitiveType != null;
        }

        void add(DataFile file) {
            Long fileNulls = value(file.nullValueCounts());
            if (fileNulls == null) {
                nullsKnown = false;
            } else {
                nulls += fileNulls;
            }
            if (!boundsKnown) {
                return;
            }
            boolean allNull = fileNulls != null && fileNulls == file.recordCount();
            ByteBuffer lower = value(file.lowerBounds());
            ByteBuffer upper = value(file.upperBounds());
            if (lower == null || upper == null) {
                boundsKnown = allNull;
                return;
            }
            try {
                Object fileMin = IcebergValues.toCanonical(type, Conversions.fromByteBuffer(type, lower));
                Object fileMax = IcebergValues.toCanonical(type, Conversions.fromByteBuffer(type, upper));
                min = min == null || CanonicalOrder.compare(fileMin, min) < 0 ? fileMin : min;
                max = max == null || CanonicalOrder.compare(fileMax, max) > 0 ? fileMax : max;
            } catch (IllegalArgumentException e) {
                boundsKnown = false;
            }
        }

        private <T> T value(Map<Integer, T> metrics) {
            return metrics == null ? null : metrics.get(fieldId);
        }

        ColumnStatistics result() {
            return new ColumnStatistics(nullsKnown ? nulls : -1, -1, boundsKnown ? min : null, boundsKnown ? max : null);
        }
    }
}
