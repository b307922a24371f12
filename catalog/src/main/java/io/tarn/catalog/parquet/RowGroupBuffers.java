package io.tarn.catalog.parquet;

import org.apache.parquet.bytes.ByteBufferAllocator;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The heap arrays one file reader reads compressed column chunks into (as parquet-java's allocator) and decompresses
 * pages into (for {@link PageDecompression}), reused from row group to row group. A fresh array per chunk and per page,
 * each up to megabytes that the JVM zeroes and often allocates outside the thread's buffer, cost about as much as the
 * decompression itself. Arrays are recycled a row group at a time: {@link ParquetBatchReader} calls
 * {@link #startRowGroup} before reading a row group and {@link #previousRowGroupDone} once every column decoder moved
 * on to it, when nothing refers to the previous row group's chunks and pages anymore. A reader that never calls them
 * (reading footers, tests) just allocates. A scan opens one reader per task, often a single row group, so a closed
 * reader's arrays are kept for the next reader {@link #pooled} on the same thread, up to {@link #SPARE_BYTES}. Not
 * thread-safe, like the reader.
 */
final class RowGroupBuffers implements ByteBufferAllocator {
    /** At most this much of a thread's closed readers' arrays is kept: a row group's chunks and pages, about. */
    static final long SPARE_BYTES = Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 32);
    private static final ThreadLocal<List<byte[]>> SPARE = ThreadLocal.withInitial(ArrayList::new);

    /** Arrays handed out since the current row group started, those of the previous row group, and reusable ones. */
    private List<byte[]> current = new ArrayList<>();
    private List<byte[]> previous = new ArrayList<>();
    private final List<byte[]> free = new ArrayList<>();

    /** Buffers starting with the arrays the thread's last closed reader {@link #release}d. */
    static RowGroupBuffers pooled() {
        RowGroupBuffers buffers = new RowGroupBuffers();
        List<byte[]> spare = SPARE.get();
        buffers.free.addAll(spare);
        spare.clear();
        return buffers;
    }

    /** The reader is closed and nothing refers to its arrays: the largest become the thread's spares. */
    void release() {
        List<byte[]> all = new ArrayList<>(free);
        all.addAll(previous);
        all.addAll(current);
        free.clear();
        previous.clear();
        current.clear();
        all.sort(Comparator.comparingInt((byte[] array) -> array.length).reversed());
        List<byte[]> spare = SPARE.get();
        spare.clear();
        long kept = 0;
        for (byte[] array : all) {
            if (kept + array.length <= SPARE_BYTES) {
                spare.add(array);
                kept += array.length;
            }
        }
    }

    /** An array of at least {@code length} bytes, of undefined content. */
    byte[] take(int length) {
        byte[] best = null;
        for (byte[] candidate : free) {
            if (candidate.length >= length && (best == null || candidate.length < best.length)) {
                best = candidate;
            }
        }
        if (best == null) {
            // room to spare, as the next row group's chunks and pages are about the same size but rarely the same
            best = new byte[(int) Math.min(Integer.MAX_VALUE - 8, length + (long) length / 4)];
        } else {
            free.remove(best);
        }
        current.add(best);
        return best;
    }

    /** A row group is about to be read: the arrays handed out so far belong to the previous one. */
    void startRowGroup() {
        previous.addAll(current);
        current = new ArrayList<>();
    }

    /**
     * Every column decoder moved on to the current row group, so the previous one's arrays are free. Free arrays
     * beyond what the previous row group needed are dropped, smallest first, so sizes that stopped fitting do not pile
     * up.
     */
    void previousRowGroupDone() {
        free.addAll(previous);
        free.sort(Comparator.comparingInt((byte[] array) -> array.length).reversed());
        while (free.size() > previous.size()) {
            free.remove(free.size() - 1);
        }
        previous = new ArrayList<>();
    }

    @Override
    public ByteBuffer allocate(int size) {
        return ByteBuffer.wrap(take(size), 0, size).slice();
    }

    /** Buffers are recycled a row group at a time instead, see above. */
    @Override
    public void release(ByteBuffer buffer) {
    }

    @Override
    public boolean isDirect() {
        return false;
    }
}
