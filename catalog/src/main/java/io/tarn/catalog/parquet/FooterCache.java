package io.tarn.catalog.parquet;

import org.apache.parquet.hadoop.metadata.ParquetMetadata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parsed footers of the Parquet files read lately, shared by planning and all readers: a scan splits a file into
 * several tasks, each opening it, and a query plans and scans the same files; parsing a large footer (Thrift, then
 * parquet-java's conversion) costs milliseconds each time. A footer is reused only while its file keeps the size and
 * modification time it had when the footer was read.
 */
final class FooterCache {
    /** Files whose footers are kept; the least recently used goes first. */
    private static final int FILES = 256;

    private record Entry(long size, FileTime modified, ParquetMetadata footer) {
    }

    private static final Map<Path, Entry> ENTRIES = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, Entry> eldest) {
            return size() > FILES;
        }
    };

    private FooterCache() {
    }

    static ParquetMetadata footer(Path file) throws IOException {
        Path key = file.toAbsolutePath();
        BasicFileAttributes attributes = Files.readAttributes(key, BasicFileAttributes.class);
        Entry entry;
        synchronized (ENTRIES) {
            entry = ENTRIES.get(key);
        }
        if (entry == null || entry.size() != attributes.size() || !entry.modified().equals(attributes.lastModifiedTime())) {
            entry = new Entry(attributes.size(), attributes.lastModifiedTime(), ParquetBatchReader.readFooter(key));
            synchronized (ENTRIES) {
                ENTRIES.put(key, entry);
            }
        }
        return entry.footer();
    }
}
