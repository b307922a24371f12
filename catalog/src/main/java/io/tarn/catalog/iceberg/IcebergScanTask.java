package io.tarn.catalog.iceberg;

import io.tarn.catalog.spi.ScanTask;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The row groups of one Iceberg data file that start inside {@code [start, start + length)}, plus the file's identity
 * partition values (canonical form, null allowed) keyed by source field id.
 */
public record IcebergScanTask(String path, long start, long length, long estimatedRows,
                              Map<Integer, Object> partitionValues) implements ScanTask {
    public IcebergScanTask {
        // a serializable copy that, unlike Map.copyOf, keeps NULL partition values
        partitionValues = Collections.unmodifiableMap(new HashMap<>(partitionValues));
    }
}
