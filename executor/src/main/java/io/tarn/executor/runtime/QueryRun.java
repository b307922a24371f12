package io.tarn.executor.runtime;

import io.tarn.catalog.spi.TarnException;
import io.tarn.executor.ExecutionContext;
import io.tarn.executor.ExecutionException;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The state one running query shares between its root operator and its worker threads: the first failure, whether
 * it was stopped, and the workers to start and to wait for.
 */
final class QueryRun {
    private final ExecutionContext context;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();
    private final List<FragmentWorker> workers = new ArrayList<>();
    private final List<ExchangeQueue> queues = new ArrayList<>();
    private final List<Future<?>> running = new ArrayList<>();

    QueryRun(ExecutionContext context) {
        this.context = Objects.requireNonNull(context, "context is null");
    }

    ExecutionContext context() {
        return context;
    }

    void addWorker(FragmentWorker worker) {
        workers.add(worker);
    }

    void addQueue(ExchangeQueue queue) {
        queues.add(queue);
    }

    /** Starts every worker once; workers do nothing before the root asks for its first batch. */
    void startWorkers() {
        if (started.compareAndSet(false, true)) {
            synchronized (running) {
                for (FragmentWorker worker : workers) {
                    running.add(WorkerThreads.submit(worker));
                }
            }
        }
    }

    /** Records the first failure and stops every worker. */
    void fail(Throwable error) {
        failure.compareAndSet(null, error);
        stopped.set(true);
    }

    /** True once the query failed, was cancelled or its root was closed: workers must stop. */
    boolean shouldStop() {
        return stopped.get() || context.isCancelled();
    }

    /** Throws the failure (or the cancellation) that stopped the query, if any. */
    void throwIfStopped() {
        Throwable error = failure.get();
        if (error != null) {
            throw asRuntime(error);
        }
        context.checkCancelled();
        if (stopped.get()) {
            throw new ExecutionException(ExecutionException.QUERY_CANCELED, "query was stopped");
        }
    }

    /**
     * Stops the workers (cancelling the query's context, which is finished by now), waits for them to release their
     * operators, then frees whatever batches are still queued. Workers only block in bounded waits that check
     * {@link #shouldStop()}, so this returns promptly. Deletes the query's spill directory last.
     */
    void stopAndRelease() {
        stopped.set(true);
        // operators inside the workers (e.g. an aggregation still reading its input) only watch the context's flag
        context.cancel();
        List<Future<?>> toAwait;
        synchronized (running) {
            started.set(true);
            toAwait = List.copyOf(running);
        }
        for (Future<?> future : toAwait) {
            awaitQuietly(future);
        }
        for (ExchangeQueue queue : queues) {
            queue.closeConsumer();
        }
        // every operator has closed (and deleted) its own spill files by now; this removes the directory
        context.spillSpace().close();
    }

    private static void awaitQuietly(Future<?> future) {
        boolean interrupted = false;
        while (true) {
            try {
                future.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException e) {
                break; // the worker recorded its failure itself
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static RuntimeException asRuntime(Throwable error) {
        if (error instanceof TarnException tarn) {
            return tarn;
        }
        if (error instanceof RuntimeException runtime) {
            return runtime;
        }
        return new ExecutionException(ExecutionException.INTERNAL_ERROR, "worker failed: " + error, error);
    }
}
