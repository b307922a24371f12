package io.tarn.planner.engine;

import java.nio.file.Path;

final class TarnEngine {
    private TarnEngine() {
    }

    static Engine open(Path directory) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    static Engine inMemory() {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
