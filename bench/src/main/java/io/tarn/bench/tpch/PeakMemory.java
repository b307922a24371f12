package io.tarn.bench.tpch;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The memory peaks the JVM lets us observe: each heap pool's peak since {@link #reset()} (summed, so an upper bound
 * of the heap's peak), and the process's peak resident set (Linux {@code VmHWM}; it includes DuckDB's native memory
 * and Arrow's off-heap buffers). Tarn's own peak Arrow memory per query comes from the engine, not from here.
 */
final class PeakMemory {
    private PeakMemory() {
    }

    static void reset() {
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    static long heapPeakBytes() {
        return heapPools().stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }

    /** The process's peak resident set size, or -1 where /proc is not available. */
    static long processPeakResidentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    String kilobytes = line.substring("VmHWM:".length()).replace("kB", "").strip();
                    return Long.parseLong(kilobytes) * 1024;
                }
            }
        } catch (IOException | RuntimeException unavailable) {
            // not Linux: the report says "n/a"
        }
        return -1;
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP && pool.isValid()).toList();
    }
}
