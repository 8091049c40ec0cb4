package ai.deeplake4j.api.dataset;

import java.time.Instant;
import java.util.List;

/**
 * One committed version of a table (an Iceberg snapshot).
 *
 * @param id        the version id (snapshot id)
 * @param message   the commit message, or null when the commit had none (e.g. an ingest)
 * @param timestamp when it was committed
 * @param rowCount  rows in the table at this version
 * @param tags      tags pointing at this version
 */
public record Version(long id, String message, Instant timestamp, long rowCount, List<String> tags) {
    public Version {
        tags = List.copyOf(tags);
    }
}
