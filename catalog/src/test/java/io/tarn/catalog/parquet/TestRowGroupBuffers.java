package io.tarn.catalog.parquet;

import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestRowGroupBuffers {

    /** A row group's arrays are handed out again only after the decoders moved on to a later row group. */
    @Test
    void arraysAreReusedOnlyOnceTheirRowGroupIsDone() {
        RowGroupBuffers buffers = new RowGroupBuffers();
        buffers.startRowGroup();
        byte[] chunk = buffers.take(1000);
        byte[] page = buffers.allocate(300).array();
        buffers.previousRowGroupDone();

        buffers.startRowGroup(); // the decoders still read the first row group's pages while the second is read
        Set<byte[]> second = Collections.newSetFromMap(new IdentityHashMap<>());
        second.add(buffers.take(1000));
        second.add(buffers.take(300));
        assertFalse(second.contains(chunk) || second.contains(page));
        buffers.previousRowGroupDone();

        buffers.startRowGroup();
        assertSame(chunk, buffers.take(900), "the smallest free array that fits");
        assertSame(page, buffers.take(200));
        assertFalse(second.contains(buffers.take(100)), "the second row group's arrays are still in use");
        buffers.previousRowGroupDone();
    }

    @Test
    void withoutRowGroupsEveryArrayIsNew() {
        RowGroupBuffers buffers = new RowGroupBuffers();
        Set<byte[]> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < 10; i++) {
            assertTrue(seen.add(buffers.take(64)));
        }
    }

    /** A closed reader's arrays go to the next reader the same thread opens, not to another thread's. */
    @Test
    void releasedArraysAreReusedByTheNextReaderOfTheThread() throws Exception {
        RowGroupBuffers.pooled(); // takes (and drops) what earlier tests on this thread left
        RowGroupBuffers first = RowGroupBuffers.pooled();
        first.startRowGroup();
        byte[] chunk = first.take(5000);
        first.release();

        byte[][] elsewhere = new byte[1][];
        Thread other = new Thread(() -> elsewhere[0] = RowGroupBuffers.pooled().take(5000));
        other.start();
        other.join();
        assertFalse(elsewhere[0] == chunk, "another thread allocates its own");

        RowGroupBuffers next = RowGroupBuffers.pooled();
        next.startRowGroup();
        assertSame(chunk, next.take(4000));
        next.release();
        RowGroupBuffers unpooled = new RowGroupBuffers();
        assertFalse(unpooled.take(4000) == chunk, "only pooled buffers take the spares");
    }
}
