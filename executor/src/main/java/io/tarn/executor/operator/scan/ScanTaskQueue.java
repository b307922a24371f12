package io.tarn.executor.operator.scan;

import io.tarn.catalog.spi.ScanTask;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.Objects.requireNonNull;

/**
 * The tasks of one scan, handed out one at a time to whichever of the scan's instances asks next: an instance that
 * runs faster (its thread had the core to itself, its row groups were smaller) reads more of them, instead of idling
 * while a fixed share of the tasks keeps another instance busy.
 */
public final class ScanTaskQueue {
    private final List<ScanTask> tasks;
    private final AtomicInteger next = new AtomicInteger();

    public ScanTaskQueue(List<ScanTask> tasks) {
        this.tasks = List.copyOf(requireNonNull(tasks, "tasks is null"));
    }

    /** The next task not yet handed out, or null when all were. */
    ScanTask poll() {
        int index = next.getAndIncrement();
        return index < tasks.size() ? tasks.get(index) : null;
    }

    /**
     * Hands out no further tasks, to any instance: a scan is closed before its end only when the query needs no more
     * of its rows (a limit reached, an empty broadcast build side, a failure or cancellation).
     */
    void drain() {
        next.set(tasks.size());
    }
}
