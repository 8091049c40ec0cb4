package ai.deeplake4j.engine.index;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The small file {@code writer.owner} a process writes into an index directory while it holds the
 * index's Lucene write lock, so that a writer kept waiting can say who holds it. Advisory only: the
 * lock itself is Lucene's {@code write.lock} (an OS file lock, released when the holder exits), so a
 * stale owner file left by a killed process misleads no one into waiting; the next holder
 * overwrites it. Lucene ignores the file (it matches no index file name).
 */
final class WriterOwner {
    static final String FILE = "writer.owner";

    private WriterOwner() {
    }

    /** Records this process as the holder (best effort: the lock works without it). */
    static void write(Path dir) {
        String text = "pid " + ProcessHandle.current().pid() + " on host " + Host.NAME + " since "
                + Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try {
            Files.writeString(dir.resolve(FILE), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            // only the error message of a waiting writer gets less precise
        }
    }

    /** Removes the record before the lock is released (best effort). */
    static void clear(Path dir) {
        try {
            Files.deleteIfExists(dir.resolve(FILE));
        } catch (IOException e) {
            // a stale record is overwritten by the next holder
        }
    }

    /** The holder's description, or null when none is recorded. */
    static String read(Path dir) {
        try {
            String text = Files.readString(dir.resolve(FILE), StandardCharsets.UTF_8).strip();
            return text.isEmpty() || text.length() > 200 ? null : text;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The host name, looked up once (a lookup can be slow when DNS is misconfigured). */
    private static final class Host {
        static final String NAME = lookup();

        private static String lookup() {
            String env = System.getenv("HOSTNAME");
            if (env != null && !env.isBlank()) {
                return env.strip();
            }
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                return "unknown";
            }
        }
    }
}
