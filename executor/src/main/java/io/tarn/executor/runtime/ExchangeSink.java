package io.tarn.executor.runtime;

import io.tarn.catalog.type.Batch;
import io.tarn.executor.vector.RowHasher;
import io.tarn.executor.vector.VectorCopier;
import org.apache.arrow.vector.FieldVector;
import io.tarn.executor.plan.PhysicalExchange;
import org.apache.arrow.memory.BufferAllocator;

import java.util.ArrayList;
import java.util.List;

/** The producer end of an exchange: routes each batch of one fragment instance to the consumers' queues. */
final class ExchangeSink {
    private final PhysicalExchange exchange;
    private final List<ExchangeQueue> consumers;
    private final BufferAllocator allocator;

    ExchangeSink(PhysicalExchange exchange, List<ExchangeQueue> consumers, BufferAllocator allocator) {
        this.exchange = exchange;
        this.consumers = List.copyOf(consumers);
        this.allocator = allocator;
    }

    /** Sends {@code batch} on, taking ownership of it. */
    void send(Batch batch) {
        if (consumers.size() == 1) {
            consumers.get(0).put(batch);
            return;
        }
        switch (exchange.kind()) {
            case GATHER -> consumers.get(0).put(batch);
            case BROADCAST -> broadcast(batch);
            case HASH -> partition(batch);
        }
    }

    void finish() {
        for (ExchangeQueue consumer : consumers) {
            consumer.producerFinished();
        }
    }

    /** Copies the batch for all consumers but the last, which takes the batch itself. */
    private void broadcast(Batch batch) {
        int last = consumers.size() - 1;
        try {
            for (int consumer = 0; consumer < last; consumer++) {
                consumers.get(consumer).put(copyAll(batch));
            }
        } catch (RuntimeException | Error e) {
            batch.close();
            throw e;
        }
        consumers.get(last).put(batch);
    }

    private void partition(Batch batch) {
        int targets = consumers.size();
        int[] targetOfRow = new int[batch.rowCount()];
        int[] rowsPerTarget = new int[targets];
        try {
            long[] hashes = new long[batch.rowCount()];
            RowHasher.hash(batch.columns(), exchange.keys(), batch.rowCount(), hashes);
            for (int row = 0; row < targetOfRow.length; row++) {
                int target = RowHasher.partition(hashes[row], targets);
                targetOfRow[row] = target;
                rowsPerTarget[target]++;
            }
        } catch (RuntimeException | Error e) {
            batch.close();
            throw e;
        }
        for (int target = 0; target < targets; target++) {
            if (rowsPerTarget[target] == targetOfRow.length) {
                // every row goes to one consumer: it takes the batch itself
                consumers.get(target).put(batch);
                return;
            }
        }
        try (batch) {
            for (int target = 0; target < targets; target++) {
                if (rowsPerTarget[target] == 0) {
                    continue;
                }
                int[] selection = new int[rowsPerTarget[target]];
                int count = 0;
                for (int row = 0; row < targetOfRow.length; row++) {
                    if (targetOfRow[row] == target) {
                        selection[count++] = row;
                    }
                }
                consumers.get(target).put(VectorCopier.copyRows(batch, selection, count, allocator));
            }
        }
    }

    private Batch copyAll(Batch batch) {
        List<FieldVector> copies = new ArrayList<>(batch.columnCount());
        try {
            for (FieldVector vector : batch.columns()) {
                copies.add(VectorCopier.copyAll(vector, batch.rowCount(), allocator));
            }
        } catch (RuntimeException e) {
            copies.forEach(FieldVector::close);
            throw e;
        }
        return new Batch(copies, batch.rowCount());
    }
}
