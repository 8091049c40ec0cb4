package ai.deeplake4j.engine.index;

import ai.deeplake4j.api.Names;
import ai.deeplake4j.api.error.TableException;
import ai.deeplake4j.api.schema.ColumnType;
import ai.deeplake4j.engine.index.matrix.MatrixIndex;
import ai.deeplake4j.engine.index.text.TextIndex;
import ai.deeplake4j.engine.index.vector.VectorIndex;
import ai.deeplake4j.engine.lake.ConfinedPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The search indexes of one table, one per column at most, in {@code <tableDir>/index/<fieldId>/}
 * where {@code fieldId} is the column's Iceberg field id (ARCHITECTURE 1.3, D10): a directory is
 * never named from a column's text, so no column name can lead outside the table. Index
 * directories of older lakes, {@code index/<column>/}, are renamed to their field id when the
 * column exists and its name follows {@link Names#column}; others are left alone and ignored.
 * Opens each index once, for searching, and keeps it open until {@link #close()}; an index takes
 * its directory's write lock only while it changes, so other processes on the lake can search and
 * write it too. Thread-safe.
 */
public final class TableIndexes implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TableIndexes.class);
    private static final Pattern FIELD_ID = Pattern.compile("[0-9]{1,9}");

    private final String table;
    private final Path root;
    private final Map<String, Integer> fieldIds;
    private final Map<Integer, String> columns = new HashMap<>();
    private final Map<String, SearchIndex> open = new HashMap<>();

    /**
     * @param table    the table name, for messages
     * @param tableDir the table's directory; indexes go to its {@code index/} subdirectory
     * @param fieldIds the Iceberg field id of each user column, by column name
     */
    public TableIndexes(String table, Path tableDir, Map<String, Integer> fieldIds) {
        this.table = table;
        this.root = tableDir.resolve("index");
        this.fieldIds = Map.copyOf(fieldIds);
        this.fieldIds.forEach((column, id) -> columns.put(id, column));
        migrateLegacyDirs();
    }

    /** Index names (as in CREATE INDEX name) to columns, kept next to the indexes. */
    private Path namesFile() {
        return root.resolve("names.properties");
    }

    /** The index names of this table, name to column. */
    public synchronized Map<String, String> names() {
        Map<String, String> out = new TreeMap<>();
        if (Files.exists(namesFile())) {
            java.util.Properties p = new java.util.Properties();
            try (var in = Files.newInputStream(namesFile())) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read index names of table " + table, e);
            }
            p.forEach((k, v) -> out.put((String) k, (String) v));
        }
        out.values().retainAll(list().keySet());
        return out;
    }

    /** Records the name of the index on {@code column} (replacing an older name of it). */
    public synchronized void name(String name, String column) {
        Names.index(name);
        fieldId(column);
        Map<String, String> names = names();
        names.values().remove(column);
        names.put(name, column);
        java.util.Properties p = new java.util.Properties();
        p.putAll(names);
        try {
            Files.createDirectories(root);
            try (var out = Files.newOutputStream(namesFile())) {
                p.store(out, "deeplake4j index names: name = column");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write index names of table " + table, e);
        }
    }

    /**
     * The directory of a column's index, {@code index/<fieldId>}.
     *
     * @throws TableException 404-worded when the table has no such column
     */
    public Path dir(String column) {
        return ConfinedPaths.child(root, Names.Kind.COLUMN, Integer.toString(fieldId(column)));
    }

    /**
     * The Iceberg field id of a column.
     *
     * @throws TableException {@code Column "x" does not exist in table "t"} when it has no such column
     */
    public int fieldId(String column) {
        Integer id = fieldIds.get(column);
        if (id == null) {
            throw new TableException("Column \"" + Names.show(column) + "\" does not exist in table \"" + table
                    + "\". Check the name with describeTable.");
        }
        return id;
    }

    /** The index metadata of every indexed column, by column name. */
    public synchronized Map<String, IndexMetadata> list() {
        Map<String, IndexMetadata> out = new TreeMap<>();
        for (Path d : indexDirs()) {
            String name = d.getFileName().toString();
            String column = FIELD_ID.matcher(name).matches() ? columns.get(Integer.parseInt(name)) : null;
            if (column == null) {
                continue;
            }
            SearchIndex idx = open.get(column);
            IndexMetadata md = idx != null ? idx.metadata() : LuceneStore.readMetadata(d);
            if (column.equals(md.column())) {
                out.put(column, md);
            }
        }
        return out;
    }

    private List<Path> indexDirs() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            // a directory without a committed index is a drop in progress (or interrupted): not an index
            return dirs.filter(d -> Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)).filter(LuceneStore::holdsIndex).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the indexes of table " + table, e);
        }
    }

    /**
     * Renames the {@code index/<column>/} directories of lakes written before indexes were named
     * by field id. Only a directory that names an existing column with a valid name, holds that
     * column's index and has no field-id directory beside it is moved; anything else stays as it
     * is (and is not used).
     */
    private void migrateLegacyDirs() {
        for (Path d : indexDirs()) {
            String name = d.getFileName().toString();
            Integer id = fieldIds.get(name);
            if (id == null || name.equals(Integer.toString(id)) || !Names.isValid(Names.Kind.COLUMN, name)) {
                continue; // not a column's name, or a column whose name is its own field id
            }
            try {
                if (!name.equals(LuceneStore.readMetadata(d).column())) {
                    continue; // a field-id directory whose number happens to be a column's name
                }
                Path target = ConfinedPaths.child(root, Names.Kind.COLUMN, Integer.toString(id));
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    LOG.warn("Old index directory of column '{}' of table {} was left as it is: the column already has "
                            + "an index under its field id {}.", name, table, id);
                    continue;
                }
                Files.move(d, target, StandardCopyOption.ATOMIC_MOVE);
                LOG.info("Index of column '{}' of table {} moved to its field-id directory index/{}.", name, table, id);
            } catch (IOException | UncheckedIOException | TableException e) {
                // another process may have moved it first; an unreadable directory is not an index
                LOG.warn("Old index directory of column '{}' of table {} was not migrated: {}", name, table, e.getMessage());
            }
        }
    }

    /** The index type on a column, or null when it has none. */
    public IndexType typeOf(String column) {
        IndexMetadata md = list().get(column);
        return md == null ? null : md.type();
    }

    /**
     * Creates an empty index on a column (the caller then adds the table's rows and commits).
     *
     * @param columnType    the column's type (decides the default type and the vector dimension)
     * @param requestedType an index type name, or null for the column type's default
     * @param dimension     vector dimension for vector types (ignored for text)
     * @param ifNotExists   when the column already has an index of the same type, return it instead of failing
     * @return the new index, or the existing one under {@code ifNotExists}
     * @throws TableException unknown type, type not applicable to the column, a different index
     *                        already on the column (one index per column), or the same index without ifNotExists
     */
    public synchronized SearchIndex create(String column, ColumnType columnType, String requestedType, int dimension, boolean ifNotExists) {
        IndexType type = IndexType.resolve(table, column, columnType, requestedType);
        Path dir = dir(column);
        IndexType existing = typeOf(column);
        if (existing != null) {
            if (existing != type) {
                throw new TableException("Column " + column + " of table " + table + " already has a " + existing
                        + " index; a column has one index. Drop it first (dropIndex) to create a " + type + " index.");
            }
            if (!ifNotExists) {
                throw new TableException("Column " + column + " of table " + table + " already has a " + type + " index.");
            }
            return get(column);
        }
        SearchIndex idx = switch (type) {
            case BM25, INVERTED, EXACT_TEXT -> TextIndex.create(dir, column, type);
            case CLUSTERED, CLUSTERED_QUANTIZED -> VectorIndex.create(dir, column, type, dimension);
            case POOLED_QUANTIZED -> MatrixIndex.create(dir, column, dimension);
        };
        open.put(column, idx);
        return idx;
    }

    /** The index on a column, opened on first use, or null when the column has none (or does not exist). */
    public synchronized SearchIndex get(String column) {
        SearchIndex idx = open.get(column);
        if (!fieldIds.containsKey(column)) {
            return null;
        }
        Path d = dir(column);
        if (idx != null) {
            if (Files.isDirectory(d)) {
                return idx;
            }
            // dropped by another process
            open.remove(column);
            idx.close();
        }
        if (!LuceneStore.holdsIndex(d)) {
            return null;
        }
        IndexType type = LuceneStore.readMetadata(d).type();
        idx = switch (type) {
            case BM25, INVERTED, EXACT_TEXT -> TextIndex.open(d);
            case CLUSTERED, CLUSTERED_QUANTIZED -> VectorIndex.open(d);
            case POOLED_QUANTIZED -> MatrixIndex.open(d);
        };
        open.put(column, idx);
        return idx;
    }

    /**
     * Drops the index on a column and deletes its files, once no other writer holds it.
     *
     * @throws TableException when the column does not exist ({@code does not exist}, whatever
     *                        {@code ifExists}), or has no index and {@code ifExists} is false
     * @throws IndexBusyException when another process keeps writing the index for longer than
     *                            {@link LuceneStore#WRITE_LOCK_WAIT}
     */
    public synchronized void drop(String column, boolean ifExists) {
        Path d = dir(column);
        SearchIndex idx = open.remove(column);
        if (idx != null) {
            idx.close();
        }
        if (!Files.isDirectory(d)) {
            if (ifExists) {
                return;
            }
            throw new TableException("Column " + column + " of table " + table + " has no index.");
        }
        try {
            LuceneStore.delete(d, column);
        } catch (IndexBusyException e) {
            throw e.withTable(table);
        }
    }

    /** Closes every open index. */
    @Override
    public synchronized void close() {
        RuntimeException first = null;
        for (SearchIndex idx : open.values()) {
            try {
                idx.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        open.clear();
        if (first != null) {
            throw first;
        }
    }
}
