package fr.einvoicing.adoption.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM's garbage-collection log ({@code -Xlog:gc:file=...}): each collection prints the heap before and
 * after it, e.g. {@code GC(12) Pause Young (Normal) (G1 Evacuation Pause) 250M->81M(512M) 4.1ms}. The
 * highest "after" is what the JVM kept at its fullest, garbage of the old generation not yet collected
 * included: unlike the heap in use, it does not depend on how much the collector let fill first.
 */
final class GcLog {

    private static final Pattern COLLECTION = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    private GcLog() {}

    /** @return the highest heap after a collection, in bytes; 0 when the log shows none */
    static long highestAfterCollection(Path log) {
        if (!Files.exists(log)) {
            return 0;
        }
        try (var lines = Files.lines(log)) {
            return lines.map(COLLECTION::matcher)
                    .filter(Matcher::find)
                    .mapToLong(m -> bytes(m.group(3), m.group(4)))
                    .max()
                    .orElse(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long bytes(String amount, String unit) {
        long value = Long.parseLong(amount);
        return switch (unit) {
            case "K" -> value * 1024;
            case "M" -> value * 1024 * 1024;
            default -> value * 1024 * 1024 * 1024;
        };
    }
}
