package io.tarn.executor.runtime;

import io.tarn.catalog.type.Batch;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The bounded hand-over of batches from the producer instances of an exchange to one consumer instance. Waits are
 * short polls that re-check whether the query must stop, so no thread stays blocked on a full or empty queue.
 * Batches still queued when the consumer closes are freed.
 */
final class ExchangeQueue {
    private static final int CAPACITY = 4;
    private static final long POLL_MILLIS = 10;
    /** Marks the end of one producer's stream; never handed to the consumer. */
    private static final Batch END = new Batch(List.of(), 0);

    private final QueryRun run;
    private final BlockingQueue<Batch> batches = new ArrayBlockingQueue<>(CAPACITY);
    private int producersLeft;
    private volatile boolean consumerClosed;

    ExchangeQueue(QueryRun run, int producers) {
        this.run = run;
        this.producersLeft = producers;
    }

    /** Hands {@code batch} to the consumer (taking ownership), or frees it if the consumer is gone. */
    void put(Batch batch) {
        offer(batch);
    }

    /** Tells the consumer that one producer has no more batches. */
    void producerFinished() {
        offer(END);
    }

    private void offer(Batch batch) {
        try {
            while (!consumerClosed) {
                if (run.shouldStop()) {
                    batch.close();
                    run.throwIfStopped();
                }
                if (batches.offer(batch, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    if (consumerClosed) {
                        drain(); // the consumer left while we were waiting
                    }
                    return;
                }
            }
            batch.close();
        } catch (InterruptedException e) {
            batch.close();
            Thread.currentThread().interrupt();
            run.throwIfStopped();
        }
    }

    /** The next batch (owned by the caller), or null once every producer finished. Rethrows a worker's failure. */
    Batch take() {
        try {
            while (producersLeft > 0) {
                Batch batch = batches.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (batch == END) {
                    producersLeft--;
                } else if (batch != null) {
                    return batch;
                } else {
                    run.throwIfStopped();
                }
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.throwIfStopped();
            throw new io.tarn.executor.ExecutionException(io.tarn.executor.ExecutionException.QUERY_CANCELED,
                    "query was interrupted");
        }
    }

    /** The consumer will take no more batches: free the queued ones and make producers drop further ones. */
    void closeConsumer() {
        consumerClosed = true;
        drain();
    }

    private void drain() {
        Batch batch;
        while ((batch = batches.poll()) != null) {
            batch.close();
        }
    }
}
