package io.tarn.planner.engine;

import io.tarn.catalog.TarnWarehouse;
import io.tarn.catalog.spi.Warehouse;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The embedded engine: one warehouse, one Arrow root allocator that every query's memory comes from. */
final class TarnEngine implements Engine {
    private final Warehouse warehouse;
    private final BufferAllocator allocator = new RootAllocator();
    private final Path deleteOnClose;
    private final long defaultMemoryLimit = defaultMemoryLimit();

    private TarnEngine(Warehouse warehouse, Path deleteOnClose) {
        this.warehouse = warehouse;
        this.deleteOnClose = deleteOnClose;
    }

    static Engine open(Path directory) {
        return new TarnEngine(TarnWarehouse.open(directory), null);
    }

    static Engine inMemory() {
        try {
            Path directory = Files.createTempDirectory("tarn-mem-");
            return new TarnEngine(TarnWarehouse.open(directory), directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Session newSession() {
        return new TarnSession(warehouse, allocator, defaultMemoryLimit);
    }

    @Override
    public Warehouse warehouse() {
        return warehouse;
    }

    @Override
    public void close() {
        warehouse.close();
        allocator.close();
        if (deleteOnClose != null) {
            try (Stream<Path> paths = Files.walk(deleteOnClose)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException ignored) {
                // a temporary directory left behind is harmless
            }
        }
    }

    /**
     * Half of physical memory, but no more than the maximum heap: Arrow buffers live outside the heap, yet operators
     * keep part of their state (hash table slots, aggregate states) in heap arrays, and the spilling operators share
     * half of the limit, so with a limit above the heap a query could run out of heap before it spills.
     */
    private static long defaultMemoryLimit() {
        long physicalHalf = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getTotalMemorySize() / 2
                : 4L << 30;
        return Math.max(256L << 20, Math.min(physicalHalf, Runtime.getRuntime().maxMemory()));
    }
}
