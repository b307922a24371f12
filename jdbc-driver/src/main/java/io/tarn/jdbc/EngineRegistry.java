package io.tarn.jdbc;

import io.tarn.planner.engine.Engine;
import io.tarn.planner.engine.PlannerWarmUp;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Engines shared by all connections to the same warehouse in this JVM, reference counted: the first connection opens
 * the engine and the last one to close closes it. Opening a warehouse twice would mean two caches and two writers.
 */
final class EngineRegistry {

    private static final Map<String, SharedEngine> ENGINES = new HashMap<>();

    private EngineRegistry() {
    }

    /** A connection's hold on an engine; release exactly once. */
    interface Lease {
        Engine engine();

        void release();
    }

    static synchronized Lease acquire(TarnUrl url) {
        Objects.requireNonNull(url, "url is null");
        // BI tools, the shell and the server all connect through here: their first queries should not plan cold
        PlannerWarmUp.startOnce();
        if (url.isPrivate()) {
            Engine engine = Engine.inMemory();
            return new PrivateLease(engine);
        }
        SharedEngine shared = ENGINES.get(url.engineKey());
        if (shared == null) {
            Engine engine = url.kind() == TarnUrl.Kind.MEMORY ? Engine.inMemory() : Engine.open(url.directory());
            shared = new SharedEngine(url.engineKey(), engine);
            ENGINES.put(url.engineKey(), shared);
        }
        shared.references++;
        return shared.newLease();
    }

    /** How many connections hold the engine for this key (0 when it is closed); for tests. */
    static synchronized int references(String engineKey) {
        SharedEngine shared = ENGINES.get(engineKey);
        return shared == null ? 0 : shared.references;
    }

    private static synchronized void release(SharedEngine shared) {
        shared.references--;
        if (shared.references == 0) {
            ENGINES.remove(shared.key);
            shared.engine.close();
        }
    }

    private static final class SharedEngine {
        private final String key;
        private final Engine engine;
        private int references;

        SharedEngine(String key, Engine engine) {
            this.key = key;
            this.engine = engine;
        }

        Lease newLease() {
            return new Lease() {
                private boolean released;

                @Override
                public Engine engine() {
                    return engine;
                }

                @Override
                public void release() {
                    if (!released) {
                        released = true;
                        EngineRegistry.release(SharedEngine.this);
                    }
                }
            };
        }
    }

    private record PrivateLease(Engine engine) implements Lease {
        @Override
        public void release() {
            engine.close();
        }
    }
}
