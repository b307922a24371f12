package io.tarn.executor.runtime;

import io.tarn.catalog.type.Batch;
import io.tarn.executor.operator.Operator;

/** The root fragment's operator as the caller sees it: starts the workers on demand and stops them on close. */
final class RootOperator implements Operator {
    private final Operator root;
    private final QueryRun run;
    private boolean closed;

    RootOperator(Operator root, QueryRun run) {
        this.root = root;
        this.run = run;
    }

    @Override
    public Batch next() {
        run.context().checkCancelled();
        run.startWorkers();
        try {
            return root.next();
        } catch (RuntimeException | Error error) {
            throw RuntimeErrors.translate(error, run.context().allocator());
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            root.close();
        } finally {
            run.stopAndRelease();
        }
    }
}
