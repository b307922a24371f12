package io.tarn.executor.runtime;

import io.tarn.catalog.type.Batch;
import io.tarn.executor.operator.Operator;

/** The consumer end of an exchange: returns the batches its producers sent to this instance. */
final class ExchangeSourceOperator implements Operator {
    private final ExchangeQueue queue;

    ExchangeSourceOperator(ExchangeQueue queue) {
        this.queue = queue;
    }

    @Override
    public Batch next() {
        return queue.take();
    }

    @Override
    public void close() {
        queue.closeConsumer();
    }
}
