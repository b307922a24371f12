package io.tarn.planner.engine;

import java.nio.file.Path;

/** The entry point used by the shell, the JDBC driver and tests: one warehouse, many sessions. */
public interface Engine extends AutoCloseable {

    /** Opens (creating if needed) the warehouse in {@code directory}. */
    static Engine open(Path directory) {
        return TarnEngine.open(directory);
    }

    /** A warehouse that lives in a temporary directory deleted on close. */
    static Engine inMemory() {
        return TarnEngine.inMemory();
    }

    Session newSession();

    /** The warehouse's catalog, for tools that load data directly (e.g. the TPC-H generator). */
    io.tarn.catalog.spi.Warehouse warehouse();

    @Override
    void close();
}
