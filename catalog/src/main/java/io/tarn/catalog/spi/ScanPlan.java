package io.tarn.catalog.spi;

import java.util.List;

/** The tasks of a scan and how much pruning removed, for EXPLAIN. */
public record ScanPlan(List<ScanTask> tasks, int totalFiles, int prunedFiles, long estimatedRows) {
    public ScanPlan {
        tasks = List.copyOf(tasks);
    }
}
