package io.tarn.executor.runtime;

import io.tarn.catalog.type.Batch;
import io.tarn.executor.operator.Operator;

import java.util.function.Supplier;

/** Runs one instance of a fragment on a worker thread: pulls its batches and sends them into its exchange. */
final class FragmentWorker implements Runnable {
    private final QueryRun run;
    private final Supplier<Operator> operatorFactory;
    private final ExchangeSink sink;

    FragmentWorker(QueryRun run, Supplier<Operator> operatorFactory, ExchangeSink sink) {
        this.run = run;
        this.operatorFactory = operatorFactory;
        this.sink = sink;
    }

    @Override
    public void run() {
        try (Operator operator = operatorFactory.get()) {
            Batch batch;
            while (!run.shouldStop() && (batch = operator.next()) != null) {
                sink.send(batch);
            }
            if (!run.shouldStop()) {
                sink.finish();
            }
        } catch (Throwable error) {
            run.fail(RuntimeErrors.translate(error, run.context().allocator()));
        }
    }
}
