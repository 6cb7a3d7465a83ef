package fr.einvoicing.adoption.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class GcLogTest {

    @Test
    void the_highest_heap_after_a_collection_is_read_from_the_log_whatever_its_unit(@TempDir Path dir)
            throws Exception {
        Path log = dir.resolve("gc.log");
        Files.writeString(
                log,
                """
                [0.010s][info][gc] Using G1
                [1.200s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 25M->4M(512M) 3.100ms
                [9.400s][info][gc] GC(7) Pause Young (Concurrent Start) (G1 Evacuation Pause) 300M->120M(512M) 9.2ms
                [9.900s][info][gc] GC(8) Concurrent Mark Cycle 410.120ms
                [12.00s][info][gc] GC(9) Pause Young (Normal) (G1 Evacuation Pause) 900K->700K(512M) 1.0ms
                """);

        assertThat(GcLog.highestAfterCollection(log)).isEqualTo(120L * 1024 * 1024);
        assertThat(GcLog.highestAfterCollection(dir.resolve("missing.log"))).isZero();
    }
}
