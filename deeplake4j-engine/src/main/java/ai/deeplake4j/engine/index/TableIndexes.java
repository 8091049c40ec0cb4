package ai.deeplake4j.engine.index;

import ai.deeplake4j.api.error.TableException;
import ai.deeplake4j.api.schema.ColumnType;
import ai.deeplake4j.engine.index.matrix.MatrixIndex;
import ai.deeplake4j.engine.index.text.TextIndex;
import ai.deeplake4j.engine.index.vector.VectorIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The search indexes of one table, one per column at most, in {@code <tableDir>/index/<column>/}
 * (ARCHITECTURE 1.3). Opens each index once, for searching, and keeps it open until
 * {@link #close()}; an index takes its directory's write lock only while it changes, so other
 * processes on the lake can search and write it too. Thread-safe.
 */
public final class TableIndexes implements AutoCloseable {

    private final String table;
    private final Path root;
    private final Map<String, SearchIndex> open = new HashMap<>();

    /**
     * @param table    the table name, for messages
     * @param tableDir the table's directory; indexes go to its {@code index/} subdirectory
     */
    public TableIndexes(String table, Path tableDir) {
        this.table = table;
        this.root = tableDir.resolve("index");
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

    /** The directory of a column's index. */
    public Path dir(String column) {
        return root.resolve(column);
    }

    /** The index metadata of every indexed column, by column name. */
    public synchronized Map<String, IndexMetadata> list() {
        Map<String, IndexMetadata> out = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            // a directory without an index is a drop in progress (or interrupted): not an index
            for (Path d : dirs.filter(LuceneStore::holdsIndex).toList()) {
                String column = d.getFileName().toString();
                SearchIndex idx = open.get(column);
                out.put(column, idx != null ? idx.metadata() : LuceneStore.readMetadata(d));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the indexes of table " + table, e);
        }
        return out;
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
            case BM25, INVERTED, EXACT_TEXT -> TextIndex.create(dir(column), column, type);
            case CLUSTERED, CLUSTERED_QUANTIZED -> VectorIndex.create(dir(column), column, type, dimension);
            case POOLED_QUANTIZED -> MatrixIndex.create(dir(column), column, dimension);
        };
        open.put(column, idx);
        return idx;
    }

    /** The index on a column, opened on first use, or null when the column has none. */
    public synchronized SearchIndex get(String column) {
        SearchIndex idx = open.get(column);
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
     * @throws TableException when the column has no index and {@code ifExists} is false
     * @throws IndexBusyException when another process keeps writing the index for longer than
     *                            {@link LuceneStore#WRITE_LOCK_WAIT}
     */
    public synchronized void drop(String column, boolean ifExists) {
        SearchIndex idx = open.remove(column);
        if (idx != null) {
            idx.close();
        }
        Path d = dir(column);
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
