package io.tarn.executor.operator.window;

import io.tarn.catalog.type.Batch;
import io.tarn.executor.plan.SortKey;
import io.tarn.executor.vector.RowEquality;

import java.util.List;

/**
 * The rows of a batch sorted for one window group, with, for every sorted position, where its partition and its peer
 * group (rows with equal order keys) start and end (end exclusive).
 */
final class SortedPartitions {
    final int[] rows;
    final int[] partitionStart;
    final int[] partitionEnd;
    final int[] peerStart;
    final int[] peerEnd;

    SortedPartitions(Batch batch, int[] partitionKeys, List<SortKey> orderKeys) {
        int count = batch.rowCount();
        rows = new RowOrder(batch, partitionKeys, orderKeys).sortedRows(count);
        partitionStart = new int[count];
        partitionEnd = new int[count];
        peerStart = new int[count];
        peerEnd = new int[count];
        int[] orderColumns = orderKeys.stream().mapToInt(SortKey::column).toArray();
        RowEquality samePartition = RowEquality.of(batch.columns(), partitionKeys, batch.columns(), partitionKeys);
        RowEquality samePeers = RowEquality.of(batch.columns(), orderColumns, batch.columns(), orderColumns);
        int partition = 0;
        int peers = 0;
        for (int i = 0; i < count; i++) {
            if (i > 0 && !samePartition.equal(rows[i - 1], rows[i])) {
                partition = i;
                peers = i;
            } else if (i > 0 && !samePeers.equal(rows[i - 1], rows[i])) {
                peers = i;
            }
            partitionStart[i] = partition;
            peerStart[i] = peers;
        }
        int partitionLimit = count;
        int peerLimit = count;
        for (int i = count - 1; i >= 0; i--) {
            partitionEnd[i] = partitionLimit;
            peerEnd[i] = peerLimit;
            if (partitionStart[i] == i) {
                partitionLimit = i;
            }
            if (peerStart[i] == i) {
                peerLimit = i;
            }
        }
    }

    int size() {
        return rows.length;
    }
}
