package ai.deeplake4j.engine.lake;

import ai.deeplake4j.api.Names;
import ai.deeplake4j.api.error.ManagedServiceException;
import ai.deeplake4j.api.error.TableException;
import ai.deeplake4j.api.schema.Column;
import ai.deeplake4j.engine.table.ColumnTypes;
import ai.deeplake4j.engine.table.LakeTable;
import ai.deeplake4j.ingest.write.TableSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.types.Types;

/**
 * A lake directory (ARCHITECTURE 1.3): the Iceberg {@link JdbcCatalog} in {@code catalog.db}
 * (SQLite) and the tables under {@code warehouse/<org>/<workspace>/<table>}. Thread-safe; several
 * processes may open the same lake (Iceberg's optimistic commits arbitrate).
 */
public final class Lake implements AutoCloseable {
    /** Name of the hidden row-identity column (ARCHITECTURE D4). */
    public static final String ROW_ID = "_id";

    /** How long a catalog read or write waits for SQLite's lock held by another connection or process. */
    private static final int BUSY_TIMEOUT_MS = 30_000;

    private final Path root;
    private final JdbcCatalog catalog;
    private final CatalogChanges changes;

    private Lake(Path root, JdbcCatalog catalog) {
        this.root = root;
        this.catalog = catalog;
        this.changes = new CatalogChanges(root.resolve("catalog.db"), BUSY_TIMEOUT_MS);
    }

    /**
     * Opens (creating if needed) the lake at {@code dir}.
     *
     * @throws ManagedServiceException when the directory or catalog cannot be opened
     */
    public static Lake open(Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(root.resolve("warehouse"));
        } catch (IOException e) {
            throw new ManagedServiceException("Cannot create lake directory " + root + ": " + e.getMessage(), e);
        }
        Map<String, String> props = new HashMap<>();
        props.put(CatalogProperties.URI, "jdbc:sqlite:" + root.resolve("catalog.db"));
        props.put(CatalogProperties.WAREHOUSE_LOCATION, root.resolve("warehouse").toString());
        props.put(CatalogProperties.FILE_IO_IMPL, LocalFileIO.class.getName());
        props.put("jdbc.busy_timeout", Integer.toString(BUSY_TIMEOUT_MS));
        props.put("jdbc.schema-version", "V1");
        JdbcCatalog catalog = new LakeCatalog();
        try {
            initializeExclusively(root, () -> catalog.initialize("deeplake4j", props));
        } catch (RuntimeException e) {
            throw new ManagedServiceException("Cannot open the catalog of lake " + root + ": " + e.getMessage(), e);
        }
        return new Lake(root, catalog);
    }

    /**
     * Serializes the catalog initializations of this process: the JVM refuses a second lock on a
     * file it already locks (OverlappingFileLockException), and lakes are opened rarely.
     */
    private static final Object INITIALIZING = new Object();

    /**
     * Runs the catalog's initialization while holding an exclusive lock on {@code <lake>/.lock-init}.
     * Iceberg's {@code JdbcCatalog.initialize} creates its tables if missing and then adds the
     * {@code iceberg_type} column in a separate step; two processes opening a new lake at once would
     * both add it, and one would fail with "duplicate column name". The OS releases the lock when
     * the holder exits, so a crashed opener cannot block later ones.
     */
    private static void initializeExclusively(Path root, Runnable initialize) {
        Path lockFile = root.resolve(".lock-init");
        synchronized (INITIALIZING) {
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                initialize.run();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot lock " + lockFile.getFileName() + " of the lake to open its catalog", e);
            }
        }
    }

    public Path root() {
        return root;
    }

    /** The Iceberg namespace of a workspace: {@code [org, workspace]}. */
    public static Namespace namespace(String org, String workspace) {
        return Namespace.of(Names.org(org), Names.workspace(workspace));
    }

    /** The directory of all tables, {@code <lake>/warehouse}. */
    public Path warehouse() {
        return root.resolve("warehouse");
    }

    /**
     * Directory of a workspace's tables, {@code warehouse/<org>/<workspace>}.
     *
     * @throws ai.deeplake4j.api.error.WorkspaceException when a level would lead outside the warehouse
     */
    public Path workspaceDir(Namespace ns) {
        String[] levels = ns.levels();
        Path p = warehouse();
        for (int i = 0; i < levels.length; i++) {
            p = ConfinedPaths.child(p, i == 0 && levels.length > 1 ? Names.Kind.ORG : Names.Kind.WORKSPACE, levels[i]);
        }
        return p;
    }

    /**
     * Directory of a table, {@code warehouse/<org>/<workspace>/<table>}, checked to lie inside its workspace.
     *
     * @throws TableException when the name breaks the table rule or would lead outside the workspace
     */
    public Path tableDir(Namespace ns, String name) {
        return ConfinedPaths.child(workspaceDir(ns), Names.Kind.TABLE, Names.table(name));
    }

    /**
     * A counter of commits to the catalog, for caches of table state: it grows whenever a commit
     * (data, schema, table creation or drop, by this process or another on the same lake) completed
     * since the previous call, and stays the same when none did. So a table read at version
     * {@code v} is still current while this returns {@code v}. Costs one SQLite
     * {@code PRAGMA data_version} (about 7 µs); see {@link CatalogChanges}.
     */
    public long catalogVersion() {
        return changes.version();
    }

    /** Table names of a namespace, sorted. */
    public List<String> listTables(Namespace ns) {
        if (!catalog.namespaceExists(ns)) {
            return List.of();
        }
        return catalog.listTables(ns).stream().map(TableIdentifier::name).sorted().toList();
    }

    /**
     * Loads a table, or null when it does not exist. A table created by an older deeplake4j gets the
     * current {@link TableDefaults} first.
     */
    public LakeTable load(Namespace ns, String name) {
        try {
            Table table = catalog.loadTable(TableIdentifier.of(ns, Names.table(name)));
            TableDefaults.applyIfOutdated(table);
            return new LakeTable(table, this);
        } catch (NoSuchTableException e) {
            return null;
        }
    }

    /**
     * Creates a table with a hidden {@code _id} column and the given user columns, in
     * {@link #tableDir}.
     *
     * @throws TableException when it already exists, or a table or column name breaks its rule ({@link Names})
     */
    public LakeTable create(Namespace ns, String name, TableSchema schema) {
        Path location = tableDir(ns, name);
        schema.columns().forEach(c -> Names.column(c.name()));
        ensureNamespace(ns);
        AtomicInteger ids = new AtomicInteger(1);
        List<Types.NestedField> fields = new ArrayList<>();
        fields.add(Types.NestedField.optional(ids.getAndIncrement(), ROW_ID, Types.UUIDType.get(), "deeplake:row id (UUIDv7)"));
        for (Column c : schema.columns()) {
            int id = ids.getAndIncrement();
            fields.add(Types.NestedField.optional(id, c.name(), ColumnTypes.iceberg(c.type(), () -> 1000 + ids.getAndIncrement()),
                    ColumnTypes.doc(c.type())));
        }
        try {
            Table t = catalog.buildTable(TableIdentifier.of(ns, name), new Schema(fields)).withPartitionSpec(PartitionSpec.unpartitioned())
                    .withLocation(location.toString()).withProperties(TableDefaults.forNewTable()).create();
            return new LakeTable(t, this);
        } catch (AlreadyExistsException e) {
            throw new TableException("Table already exists: " + name + ". Drop it first or choose another name.");
        }
    }

    private void ensureNamespace(Namespace ns) {
        if (!catalog.namespaceExists(ns)) {
            try {
                catalog.createNamespace(ns);
            } catch (org.apache.iceberg.exceptions.AlreadyExistsException e) {
                // created concurrently
            }
        }
    }

    /** Drops a table with its data and index files; false when it did not exist. */
    public boolean drop(Namespace ns, String name) {
        LakeTable table = load(ns, name);
        if (table == null) {
            return false;
        }
        // the location comes from the catalog, which another tool may have written: never delete outside the warehouse
        Path location = ConfinedPaths.check(warehouse(), Path.of(table.iceberg().location()), Names.Kind.TABLE, name);
        boolean dropped = catalog.dropTable(TableIdentifier.of(ns, name), true);
        deleteTree(location);
        return dropped;
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // the catalog entry is gone, so the drop stands; no sweep visits a dropped table's directory
            org.slf4j.LoggerFactory.getLogger(Lake.class).warn("Table dropped, but some of its files remain in {} ({}); "
                    + "they are no longer used and can be deleted.", dir, e.getMessage());
        }
    }

    @Override
    public void close() {
        changes.close();
        catalog.close();
    }
}
