package io.tarn.catalog.spi;

import io.tarn.catalog.type.RowSchema;
import org.apache.arrow.memory.BufferAllocator;

import java.util.List;
import java.util.Optional;

/** A readable (and maybe writable) table. Scanning is two steps: plan tasks once, then read each task, on any thread. */
public interface Table {

    /** Qualified name, e.g. {@code tpch.lineitem}, for messages and EXPLAIN. */
    String name();

    TableFormat format();

    RowSchema schema();

    List<String> partitionColumns();

    TableStatistics statistics();

    /**
     * Splits the scan into independent tasks, pruning files / row groups that cannot match the constraints.
     * Constraints are a hint (Inexact): readers may still return rows that do not satisfy them.
     */
    ScanPlan planScan(ScanRequest request);

    /** Reads one task's rows, only the requested columns, in batches of at most {@code request.batchSize()} rows. */
    default BatchReader openReader(ScanTask task, ScanRequest request, BufferAllocator allocator) {
        return openReader(task, request, Optional.empty(), allocator);
    }

    /** As above, returning only the rows for which {@code filter} holds. */
    BatchReader openReader(ScanTask task, ScanRequest request, Optional<RowFilter> filter, BufferAllocator allocator);

    /** Starts an append transaction. Optional: read-only tables throw. */
    default TableAppend newAppend() {
        throw new CatalogException(CatalogException.READ_ONLY, "table " + name() + " is read-only");
    }
}
