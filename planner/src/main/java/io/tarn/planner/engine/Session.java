package io.tarn.planner.engine;

/**
 * One user's connection state: current schema (starts as {@code main}), settings (e.g. {@code threads}), and the
 * query running now. Not thread-safe except {@link #cancel()}. Any error leaves the session usable.
 */
public interface Session extends AutoCloseable {

    String currentSchema();

    /** Changes where unqualified names resolve; the schema must exist. */
    void setCurrentSchema(String schema);

    String getSetting(String name);

    void setSetting(String name, String value);

    /** Executes one statement (a trailing ';' is allowed). */
    StatementResult execute(String sql);

    PreparedStatement prepare(String sql);

    /** Planning time and peak memory of the last query this session started; null before the first. */
    default QueryProfile lastQueryProfile() {
        return null;
    }

    /** Cancels the statement running in this session, from any thread. */
    void cancel();

    @Override
    void close();
}
