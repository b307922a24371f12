package io.tarn.executor.spill;

import io.tarn.executor.ExecutionException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * One query's room for spilling: a temporary directory (created on first use, deleted with everything in it by
 * {@link #close()}), the memory budget of each spilling operator, and counters of what was spilled.
 * <p>
 * Budgeting: the spilling operators (hash join, hash aggregation, sort, window) of all fragment instances share half
 * of the query's memory limit equally; the other half is left for batches in flight (scans, exchanges, outputs).
 * The scheduler tells how many spilling operator instances the plan has; each one keeps its own estimate of the memory
 * it holds (Arrow buffers plus its arrays on the heap) under {@link #operatorBudget()} by writing to disk.
 */
public final class SpillSpace implements AutoCloseable {
    /** SQLState for a failure reading or writing a spill file (Postgres' io_error). */
    public static final String IO_ERROR = "58030";
    /** Below this an operator would spill every few rows and re-partition without end. */
    public static final long MIN_OPERATOR_BUDGET = 256L << 10;
    private static final double SPILLING_OPERATORS_SHARE = 0.5;

    private final Path parentDirectory;
    private final long memoryLimit;
    private final AtomicInteger spillingOperators = new AtomicInteger(1);
    private final AtomicInteger fileNumber = new AtomicInteger();
    private final AtomicLong spilledBytes = new AtomicLong();
    private final AtomicLong spills = new AtomicLong();
    private Path directory;

    /**
     * @param parentDirectory where the query's spill directory is created; null for {@code java.io.tmpdir}
     * @param memoryLimit the query's memory limit in bytes
     */
    public SpillSpace(Path parentDirectory, long memoryLimit) {
        this.parentDirectory = parentDirectory != null ? parentDirectory : Path.of(System.getProperty("java.io.tmpdir"));
        if (memoryLimit <= 0) {
            throw new IllegalArgumentException("memoryLimit must be positive: " + memoryLimit);
        }
        this.memoryLimit = memoryLimit;
    }

    /** Sets how many spilling operator instances run in the query; called once, before operators are created. */
    public void divideAmong(int operators) {
        spillingOperators.set(Math.max(1, operators));
    }

    /** How many bytes one spilling operator may hold before it writes to disk. */
    public long operatorBudget() {
        long share = (long) (memoryLimit * SPILLING_OPERATORS_SHARE) / spillingOperators.get();
        return Math.max(MIN_OPERATOR_BUDGET, share);
    }

    /** A new, empty spill file in this query's directory; {@code purpose} appears in its name. */
    public SpillFile newFile(String purpose) {
        requireNonNull(purpose, "purpose is null");
        Path file = directory().resolve(purpose + "-" + fileNumber.incrementAndGet() + ".arrows");
        return new SpillFile(this, file);
    }

    /** Operators call this once each time they decide to spill, so tests and metrics can see that it happened. */
    public void recordSpill() {
        spills.incrementAndGet();
    }

    void recordWritten(long bytes) {
        spilledBytes.addAndGet(bytes);
    }

    /** How many times operators of this query spilled. */
    public long spillCount() {
        return spills.get();
    }

    /** Bytes written to spill files by this query. */
    public long spilledBytes() {
        return spilledBytes.get();
    }

    /** The query's spill directory, or null if nothing was spilled yet. */
    public synchronized Path directoryIfCreated() {
        return directory;
    }

    private synchronized Path directory() {
        if (directory == null) {
            try {
                Files.createDirectories(parentDirectory);
                directory = Files.createTempDirectory(parentDirectory, "tarn-spill-");
            } catch (IOException e) {
                throw ioFailure("cannot create a spill directory in " + parentDirectory, e);
            }
        }
        return directory;
    }

    /** Deletes the spill directory and whatever is left in it (a later spill would create a new one). */
    @Override
    public synchronized void close() {
        if (directory == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(SpillSpace::deleteQuietly);
        } catch (IOException | UncheckedIOException e) {
            // the directory is in a temporary location; what could not be deleted now is harmless
        }
        directory = null;
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // see close()
        }
    }

    static ExecutionException ioFailure(String message, IOException cause) {
        return new ExecutionException(IO_ERROR, message + ": " + cause.getMessage(), cause);
    }
}
