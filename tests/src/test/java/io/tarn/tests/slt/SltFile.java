package io.tarn.tests.slt;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A parsed {@code .slt} file: its header and records.
 *
 * @param path         path relative to the {@code slt} resource directory, e.g. {@code joins/outer.slt}
 * @param requiresTpch true when the header says {@code # requires: tpch}
 */
record SltFile(String path, String name, String description, String group, boolean requiresTpch,
               List<SltRecord> records) {
    SltFile {
        requireNonNull(path, "path is null");
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        requireNonNull(group, "group is null");
        records = List.copyOf(records);
    }

    long queryCount() {
        return records.stream().filter(record -> record instanceof SltRecord.Query).count();
    }
}
