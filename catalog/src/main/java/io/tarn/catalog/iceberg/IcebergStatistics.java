package io.tarn.catalog.iceberg;

import io.tarn.catalog.CanonicalOrder;
import io.tarn.catalog.spi.TableStatistics;
import io.tarn.catalog.spi.TableStatistics.ColumnStatistics;
import io.tarn.catalog.type.RowSchema;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Type;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Table statistics of one snapshot: the row count from the snapshot summary, per-column min / max / null counts
 * aggregated from the data files' metrics in the manifests. Distinct counts are unknown (no Puffin support yet).
 */
final class IcebergStatistics {
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
        // the schema is part of the key: columns can be added or renamed without a new snapshot
        String key = table.location() + "@" + snapshot.snapshotId() + java.util.Arrays.toString(fieldIds) + schema;
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
        List<ColumnStatistics> result = new ArrayList<>();
        for (Accumulator column : columns) {
            result.add(column.result());
        }
        return new TableStatistics(rowCount, result);
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
