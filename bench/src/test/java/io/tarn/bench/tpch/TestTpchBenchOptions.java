package io.tarn.bench.tpch;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestTpchBenchOptions {

    @Test
    void defaultsRunAllQueriesAtScaleOneOnTwoThreads() {
        TpchBenchOptions options = TpchBenchOptions.parse(List.of());
        assertEquals(1.0, options.scale());
        assertEquals(2, options.threads());
        assertEquals(1, options.warmupRounds());
        assertEquals(3, options.warmups());
        assertEquals(BenchQuery.all(), options.queries());
        assertEquals("scan", options.queries().get(22).name());
        assertEquals(InputFormat.ICEBERG, options.input());
        assertEquals(Path.of("bench-data", "tpch-sf1"), options.cache());
    }

    @Test
    void optionsOverrideDefaults() {
        TpchBenchOptions options = TpchBenchOptions.parse(List.of("--scale", "0.1", "--threads", "4", "--runs", "3",
                "--warmups", "0", "--warmup-rounds", "2", "--queries", "1,q3, scan", "--input", "parquet", "--timeout-seconds", "60", "--markdown"));
        assertEquals(Path.of("bench-data", "tpch-sf0.1"), options.cache());
        assertEquals(0, options.warmups());
        assertEquals(2, options.warmupRounds());
        assertEquals(List.of("q01", "q03", "scan"), options.queries().stream().map(BenchQuery::name).toList());
        assertEquals(InputFormat.PARQUET, options.input());
        assertEquals(Duration.ofSeconds(60), options.timeout());
        assertTrue(options.markdown());
    }

    @Test
    void badValuesAreRejectedWithTheOptionNamed() {
        IllegalArgumentException unknownQuery = assertThrows(IllegalArgumentException.class,
                () -> TpchBenchOptions.parse(List.of("--queries", "23")));
        assertTrue(unknownQuery.getMessage().contains("23"));
        IllegalArgumentException notANumber = assertThrows(IllegalArgumentException.class,
                () -> TpchBenchOptions.parse(List.of("--runs", "many")));
        assertTrue(notANumber.getMessage().contains("--runs"));
        assertThrows(IllegalArgumentException.class, () -> TpchBenchOptions.parse(List.of("--input", "delta")));
        assertThrows(IllegalArgumentException.class, () -> TpchBenchOptions.parse(List.of("--threads")));
    }
}
