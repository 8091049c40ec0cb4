package ai.deeplake4j.engine.table;

import ai.deeplake4j.engine.lake.TableDefaults;
import java.time.Duration;
import java.time.Instant;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;

/**
 * Expires a table's old snapshots with Iceberg's own {@code ExpireSnapshots}: a snapshot goes when
 * it is older than the cut-off, is not the current one, and no tag or branch keeps it (a tag keeps
 * its snapshot for as long as the tag lives; tags made by {@code Dataset.tag} never expire). Data
 * and manifest files that only expired snapshots used are deleted; files a retained snapshot still
 * reads stay, so time travel to tagged versions and to recent snapshots keeps working.
 *
 * <p>Retention is the table's Iceberg property {@code history.expire.max-snapshot-age-ms}, so Spark
 * or Trino maintenance on the same table follows the same policy. Tables get
 * {@link TableDefaults#snapshotMaxAge()} (7 days by default) when created or first loaded.
 */
public final class SnapshotExpiry {
    private SnapshotExpiry() {
    }

    /** The table's snapshot retention: its {@code history.expire.max-snapshot-age-ms}, else the lake default. */
    public static Duration maxAge(LakeTable table) {
        String ms = table.iceberg().properties().get(TableProperties.MAX_SNAPSHOT_AGE_MS);
        return ms == null ? TableDefaults.snapshotMaxAge() : Duration.ofMillis(Long.parseLong(ms));
    }

    /**
     * Sets the table's snapshot retention (Iceberg's {@code history.expire.max-snapshot-age-ms}).
     *
     * @param maxAge positive
     * @throws IllegalArgumentException when {@code maxAge} is zero or negative
     */
    public static void setMaxAge(LakeTable table, Duration maxAge) {
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("Snapshot retention of table '" + table.name() + "' must be positive, got " + maxAge);
        }
        table.refresh().iceberg().updateProperties().set(TableProperties.MAX_SNAPSHOT_AGE_MS, Long.toString(maxAge.toMillis())).commit();
    }

    /**
     * Expires the table's snapshots created before {@code olderThan} (except the current one and
     * those tags or branches keep) and deletes the files no retained snapshot uses.
     *
     * @return how many snapshots were expired
     */
    public static int expire(LakeTable table, Instant olderThan) {
        Table t = table.refresh().iceberg();
        int before = count(t);
        t.expireSnapshots()
                .expireOlderThan(olderThan.toEpochMilli())
                .cleanExpiredFiles(true)
                .planWith(InlineCommits.CALLER)
                .executeDeleteWith(InlineCommits.CALLER)
                .commit();
        return Math.max(0, before - count(table.refresh().iceberg()));
    }

    private static int count(Table t) {
        int n = 0;
        for (var ignored : t.snapshots()) {
            n++;
        }
        return n;
    }
}
