package io.tarn.planner.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TestReadParquet {
    @TempDir
    Path directory;

    @Test
    void readsFilesWrittenByAParquetTable() {
        try (Engine engine = Engine.open(directory.resolve("warehouse")); Session session = engine.newSession()) {
            // a parquet table without LOCATION lives in <warehouse>/<schema>/<table>
            String location = directory.resolve("warehouse").resolve("main").resolve("p").toString();
            session.execute("CREATE TABLE p USING parquet AS SELECT * FROM (VALUES (1, 'a'), (2, 'b'), (3, NULL)) AS t(x, y)").close();
            List<List<Object>> rows = TestEngineQueries.rows(session,
                    "SELECT x, y FROM read_parquet('" + location + "') WHERE x >= 2 ORDER BY x");
            assertEquals(List.of(List.of(2L, "b"), java.util.Arrays.asList(3L, null)), rows);
        }
    }
}
