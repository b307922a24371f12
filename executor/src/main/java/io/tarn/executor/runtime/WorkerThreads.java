package io.tarn.executor.runtime;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** The process-wide pool of daemon threads ({@code tarn-worker-N}) that run fragment instances. */
final class WorkerThreads {
    private static final AtomicInteger NEXT_ID = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "tarn-worker-" + NEXT_ID.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    private WorkerThreads() {
    }

    static Future<?> submit(Runnable task) {
        return POOL.submit(task);
    }
}
