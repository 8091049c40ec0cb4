package ai.deeplake4j.engine.dataset;

import ai.deeplake4j.api.dataset.Version;
import ai.deeplake4j.api.error.TableException;
import ai.deeplake4j.engine.table.LakeTable;
import ai.deeplake4j.engine.table.LakeTableWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;

/** A table's versions as Iceberg gives them: snapshots, tags, rollback. */
public final class Versions {
    private Versions() {
    }

    /** Every snapshot of the table, oldest first, with messages, row counts and tags. */
    public static List<Version> history(LakeTable table) {
        table.refresh();
        Map<Long, List<String>> tags = new HashMap<>();
        for (Map.Entry<String, SnapshotRef> ref : table.iceberg().refs().entrySet()) {
            if (ref.getValue().isTag()) {
                tags.computeIfAbsent(ref.getValue().snapshotId(), k -> new ArrayList<>()).add(ref.getKey());
            }
        }
        List<Version> out = new ArrayList<>();
        List<Snapshot> snapshots = new ArrayList<>();
        table.iceberg().snapshots().forEach(snapshots::add);
        snapshots.sort(Comparator.comparingLong(Snapshot::sequenceNumber).thenComparingLong(Snapshot::timestampMillis));
        for (Snapshot s : snapshots) {
            String total = s.summary().get("total-records");
            List<String> names = tags.getOrDefault(s.snapshotId(), List.of());
            out.add(new Version(s.snapshotId(), s.summary().get(LakeTableWriter.MESSAGE), Instant.ofEpochMilli(s.timestampMillis()),
                    total == null ? 0 : Long.parseLong(total), names.stream().sorted().toList()));
        }
        return out;
    }

    /** Tags {@code snapshot}. @throws TableException when the tag exists or there is no version */
    public static void tag(LakeTable table, String name, long snapshot) {
        if (name == null || name.isBlank() || name.chars().allMatch(Character::isDigit)) {
            throw new TableException("Invalid tag name: '" + name + "'. Use a name that is not only digits (digits are version ids).");
        }
        if (snapshot == -1) {
            throw new TableException("Table '" + table.name() + "' has no version to tag yet: commit first.");
        }
        table.refresh();
        if (table.iceberg().refs().containsKey(name)) {
            throw new TableException("Tag already exists on table '" + table.name() + "': " + name + ".");
        }
        table.iceberg().manageSnapshots().createTag(name, snapshot).commit();
    }

    /** Makes {@code version} current again. @throws TableException for an unknown version */
    public static void rollback(LakeTable table, long version) {
        table.refresh();
        if (table.iceberg().snapshot(version) == null) {
            throw new TableException("Table '" + table.name() + "' has no version " + version + ". See history() for its versions.");
        }
        table.iceberg().manageSnapshots().setCurrentSnapshot(version).commit();
    }

    /**
     * The snapshot a version id or tag names.
     *
     * @throws TableException when neither matches
     */
    public static long resolve(LakeTable table, String versionOrTag) {
        table.refresh();
        SnapshotRef ref = table.iceberg().refs().get(versionOrTag);
        if (ref != null && ref.isTag()) {
            return ref.snapshotId();
        }
        try {
            long id = Long.parseLong(versionOrTag.strip());
            if (table.iceberg().snapshot(id) != null) {
                return id;
            }
        } catch (NumberFormatException e) {
            // not an id: fall through to the error
        }
        throw new TableException("Table '" + table.name() + "' has no version or tag '" + versionOrTag + "'. See history().");
    }
}
