package fr.einvoicing.adoption.campaign;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * How far the customer file being imported has been read, for the progress bar of the page that
 * uploads it. Kept in memory per user and upload (an id the page makes up), forgotten a while after.
 */
@Component
public class ImportProgress {

    private static final Pattern UPLOAD_ID = Pattern.compile("[A-Za-z0-9-]{8,64}");
    private static final Duration KEPT_FOR = Duration.ofMinutes(15);

    /** What the page shows. {@code totalBytes} is 0 when the size is not known. */
    public record Progress(long rowsRead, long bytesRead, long totalBytes, boolean finished, Instant updatedAt) {

        public int percent() {
            if (finished) {
                return 100;
            }
            return totalBytes <= 0 ? 0 : (int) Math.min(99, bytesRead * 100 / totalBytes);
        }
    }

    private final Map<String, Progress> uploads = new ConcurrentHashMap<>();
    private final Clock clock;

    public ImportProgress(Clock clock) {
        this.clock = clock;
    }

    public static boolean isValidId(String uploadId) {
        return uploadId != null && UPLOAD_ID.matcher(uploadId).matches();
    }

    public void started(String user, String uploadId, long totalBytes) {
        forgetOld();
        if (isValidId(uploadId)) {
            uploads.put(key(user, uploadId), new Progress(0, 0, totalBytes, false, clock.instant()));
        }
    }

    public void read(String user, String uploadId, long rowsRead, long bytesRead) {
        if (isValidId(uploadId)) {
            uploads.computeIfPresent(
                    key(user, uploadId),
                    (k, p) -> new Progress(rowsRead, bytesRead, p.totalBytes(), false, clock.instant()));
        }
    }

    public void finished(String user, String uploadId) {
        if (isValidId(uploadId)) {
            uploads.computeIfPresent(
                    key(user, uploadId),
                    (k, p) -> new Progress(p.rowsRead(), p.totalBytes(), p.totalBytes(), true, clock.instant()));
        }
    }

    public Optional<Progress> of(String user, String uploadId) {
        return isValidId(uploadId) ? Optional.ofNullable(uploads.get(key(user, uploadId))) : Optional.empty();
    }

    private void forgetOld() {
        Instant limit = clock.instant().minus(KEPT_FOR);
        uploads.values().removeIf(p -> p.updatedAt().isBefore(limit));
    }

    private static String key(String user, String uploadId) {
        return user + "\u0000" + uploadId;
    }
}
