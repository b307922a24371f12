package io.tarn.catalog.iceberg;

import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableScan;
import org.apache.iceberg.util.ThreadPools;

/**
 * Creates Iceberg table scans that plan on the caller's thread unless the snapshot has many manifests. Iceberg's
 * worker-pool planning waits for its workers by polling in 10 ms sleeps, so for the common small table it costs
 * more than reading the few manifests directly: a run of short queries on small tables spent most of its time there.
 */
final class IcebergScans {
    private static final String WORKER_POOL_PROPERTY = "iceberg.scan.plan-in-worker-pool";
    /** From this many manifests on, reading them in parallel is worth the polling. */
    private static final int PARALLEL_PLANNING_MANIFESTS = 16;

    static {
        // read once by Iceberg when its first scan class loads; a user's explicit choice wins
        if (System.getProperty(WORKER_POOL_PROPERTY) == null) {
            System.setProperty(WORKER_POOL_PROPERTY, "false");
        }
    }

    private IcebergScans() {
    }

    static TableScan newScan(Table table, Snapshot snapshot) {
        TableScan scan = table.newScan().useSnapshot(snapshot.snapshotId());
        if (snapshot.dataManifests(table.io()).size() >= PARALLEL_PLANNING_MANIFESTS) {
            scan = scan.planWith(ThreadPools.getWorkerPool());
        }
        return scan;
    }
}
