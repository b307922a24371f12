package io.tarn.catalog.parquet;

import io.tarn.catalog.spi.ScanTask;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Some row groups of one Parquet file, with the file's hive partition values (canonical form, in key order). */
public record ParquetScanTask(String path, int[] rowGroups, long estimatedRows, List<Object> partitionValues)
        implements ScanTask {
    public ParquetScanTask {
        rowGroups = rowGroups.clone();
        // serializable and, unlike List.copyOf, allows NULL partition values
        partitionValues = Collections.unmodifiableList(new ArrayList<>(partitionValues));
    }

    @Override
    public int[] rowGroups() {
        return rowGroups.clone();
    }
}
