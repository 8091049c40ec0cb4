package ai.deeplake4j.engine.index;

import ai.deeplake4j.api.error.TableException;
import ai.deeplake4j.engine.table.RowIdSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFileNames;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.BytesRef;

/**
 * The Lucene plumbing every index shares: a directory, searchers over its last commit, an
 * {@link IndexWriter} taken only while changing the index, the hidden {@code _id} of each document
 * (indexed for deletes and filters, doc values for reading hits back) and the {@link IndexMetadata}
 * kept in each commit. Thread-safe.
 *
 * <p>Several processes may open the same index (a server and a CLI on one lake). Searches read the
 * committed index through a {@link DirectoryReader} and never take Lucene's {@code write.lock}; the
 * reader is kept and reopened only when the index's commit changed ({@link #refresh()}). A change
 * (build, catch-up, clear) takes the writer, and with it the lock, when it starts
 * ({@link #acquireWriter}) and releases both at {@link #commit} or {@link #abort}, so another process
 * can write next. While the lock is held elsewhere a writer waits up to {@link #WRITE_LOCK_WAIT} and
 * then fails with an {@link IndexBusyException} naming the holder from its {@code writer.owner} file.
 */
public final class LuceneStore implements AutoCloseable {

    /** The field holding the row's {@code _id}. */
    public static final String ID_FIELD = "_id";

    /** How long a change waits for the write lock held by another writer before failing: 5 s. */
    public static final Duration WRITE_LOCK_WAIT = Duration.ofSeconds(5);

    /** How often a search of an index behind its table looks for another process's catch-up: 1 s. */
    private static final long BEHIND_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** Pause between attempts to take a held write lock. */
    private static final long LOCK_POLL_MS = 50;

    /**
     * Searches the segments of an index in parallel. Shared by all indexes of the process because
     * the cores are; daemon threads, one per core.
     */
    private static final java.util.concurrent.ExecutorService SEGMENT_SEARCH = java.util.concurrent.Executors.newFixedThreadPool(
            Math.max(1, Runtime.getRuntime().availableProcessors()), r -> {
                Thread t = new Thread(r, "deeplake4j-index-search");
                t.setDaemon(true);
                return t;
            });

    /** Indexing buffer: large, so a bulk build makes few segments (HNSW merges are costly). */
    private static final double RAM_BUFFER_MB = 1024;

    private final Path dir;
    private final FSDirectory directory;
    private final Codec codec;
    private final Analyzer analyzer;
    private final Similarity similarity;
    private final SearcherManager searchers;
    /** The metadata of the commit the searchers show (never newer than what they show). */
    private volatile IndexMetadata metadata;
    /** The writer while a change is in progress, else null (and the lock is not held). Guarded by this for changes. */
    private volatile IndexWriter writer;
    /** The table snapshot and time ({@link System#nanoTime}) of the last {@link #refreshIfBehind} that looked at the directory. */
    private volatile long checkedTableSnapshot = Long.MIN_VALUE;
    private volatile long checkedAt;

    private LuceneStore(Path dir, FSDirectory directory, IndexWriter writer, Codec codec, Analyzer analyzer,
                        Similarity similarity) throws IOException {
        this.dir = dir;
        this.directory = directory;
        this.writer = writer;
        this.codec = codec;
        this.analyzer = analyzer;
        this.similarity = similarity;
        this.searchers = new SearcherManager(DirectoryReader.open(directory), new SearcherFactory() {
            @Override
            public IndexSearcher newSearcher(org.apache.lucene.index.IndexReader reader, org.apache.lucene.index.IndexReader previous) {
                IndexSearcher s = new IndexSearcher(reader, SEGMENT_SEARCH);
                if (similarity != null) {
                    s.setSimilarity(similarity);
                }
                return s;
            }
        });
        updateMetadata();
    }

    /**
     * Creates a new, empty index in {@code dir} and commits its metadata. The new store keeps the
     * writer (and the lock) for the rows the caller adds next, until {@link #commit} or {@link #abort}.
     *
     * @throws TableException when {@code dir} already holds an index
     * @throws IndexBusyException when another writer holds the directory's lock for longer than {@link #WRITE_LOCK_WAIT}
     */
    public static LuceneStore create(Path dir, IndexMetadata metadata, Codec codec, Analyzer analyzer, Similarity similarity) {
        try {
            Files.createDirectories(dir);
            FSDirectory directory = FSDirectory.open(dir);
            if (DirectoryReader.indexExists(directory)) {
                directory.close();
                throw exists(dir);
            }
            IndexWriter writer = openWriter(dir, directory, () -> config(codec, analyzer, similarity, IndexWriterConfig.OpenMode.CREATE_OR_APPEND),
                    WRITE_LOCK_WAIT);
            if (writer == null) {
                directory.close();
                throw busy(dir, metadata.column(), WRITE_LOCK_WAIT);
            }
            if (writer.getLiveCommitData() != null && writer.getLiveCommitData().iterator().hasNext()) {
                // another process created the index while this one waited for the lock
                release(dir, writer, false);
                directory.close();
                throw exists(dir);
            }
            writer.setLiveCommitData(metadata.toCommitData().entrySet());
            writer.commit();
            return new LuceneStore(dir, directory, writer, codec, analyzer, similarity);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the index in " + dir, e);
        }
    }

    private static TableException exists(Path dir) {
        return new TableException("An index already exists in " + dir + ". Drop it first.");
    }

    private static IndexBusyException busy(Path dir, String column, Duration waited) {
        return new IndexBusyException(null, column, WriterOwner.read(dir), waited);
    }

    /**
     * Opens an existing index for searching; no writer and no lock until a change starts. The codec
     * only decides how new segments are written; segments are read with the formats recorded in them.
     *
     * @throws TableException when {@code dir} holds no deeplake4j index
     */
    public static LuceneStore open(Path dir, Codec codec, Analyzer analyzer, Similarity similarity) {
        try {
            FSDirectory directory = FSDirectory.open(dir);
            if (!DirectoryReader.indexExists(directory)) {
                directory.close();
                throw new TableException("No index in " + dir + ". Create it with createIndex.");
            }
            return new LuceneStore(dir, directory, null, codec, analyzer, similarity);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the index in " + dir, e);
        }
    }

    /** Whether {@code dir} is a directory holding a committed index. */
    public static boolean holdsIndex(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (FSDirectory directory = FSDirectory.open(dir)) {
            return DirectoryReader.indexExists(directory);
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads the metadata of the last commit of the index in {@code dir} without opening it (one small file read). */
    public static IndexMetadata readMetadata(Path dir) {
        try (FSDirectory directory = FSDirectory.open(dir)) {
            if (!DirectoryReader.indexExists(directory)) {
                throw new TableException("No index in " + dir + ". Create it with createIndex.");
            }
            return IndexMetadata.fromCommitData(SegmentInfos.readLatestCommit(directory).getUserData(), dir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the index in " + dir, e);
        }
    }

    /**
     * Deletes the index in {@code dir} (files and directory) once no writer holds it: waits up to
     * {@link #WRITE_LOCK_WAIT} for the lock. Readers of other processes keep their open files
     * (POSIX semantics) until they next look at the index.
     *
     * @throws IndexBusyException when another writer keeps the lock
     */
    public static void delete(Path dir, String column) {
        try (FSDirectory directory = FSDirectory.open(dir)) {
            Lock lock = obtainLock(directory, WRITE_LOCK_WAIT);
            if (lock == null) {
                throw busy(dir, column, WRITE_LOCK_WAIT);
            }
            try (lock) {
                // commit points first: from then on the directory holds no index, even if this stops half-way
                List<String> files = new ArrayList<>(Arrays.asList(directory.listAll()));
                files.sort(java.util.Comparator.comparing((String f) -> !f.startsWith(IndexFileNames.SEGMENTS)));
                for (String file : files) {
                    if (!file.equals(IndexWriter.WRITE_LOCK_NAME)) {
                        Files.deleteIfExists(dir.resolve(file));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the index in " + dir, e);
        }
        try (java.util.stream.Stream<Path> rest = Files.walk(dir)) {
            for (Path p : rest.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the index in " + dir, e);
        }
    }

    /** Takes the write lock directly (for a delete), retrying until {@code wait} has passed; null when still held. */
    private static Lock obtainLock(FSDirectory directory, Duration wait) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try {
                return directory.obtainLock(IndexWriter.WRITE_LOCK_NAME);
            } catch (LockObtainFailedException e) {
                if (!pause(deadline)) {
                    return null;
                }
            }
        }
    }

    /**
     * Opens a writer (taking the write lock), retrying while another writer holds the lock until
     * {@code wait} has passed (zero: one attempt); null when the lock is still held. Records this
     * process as the holder. A fresh config per attempt: a writer marks its config as used even
     * when it fails to take the lock.
     */
    private static IndexWriter openWriter(Path dir, FSDirectory directory, java.util.function.Supplier<IndexWriterConfig> config,
                                          Duration wait) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try {
                IndexWriter w = new IndexWriter(directory, config.get());
                WriterOwner.write(dir);
                return w;
            } catch (LockObtainFailedException e) {
                if (!pause(deadline)) {
                    return null;
                }
            }
        }
    }

    /** Sleeps one poll interval unless that would pass {@code deadline}; false when the time is up. */
    private static boolean pause(long deadline) {
        if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LOCK_POLL_MS) > deadline) {
            return false;
        }
        try {
            Thread.sleep(LOCK_POLL_MS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Closes a writer (after a commit: letting running merges finish; else dropping its changes) and releases the lock. */
    private static void release(Path dir, IndexWriter w, boolean committed) throws IOException {
        WriterOwner.clear(dir);
        if (committed) {
            try {
                w.close();
                return;
            } catch (IOException | RuntimeException e) {
                w.rollback();
                throw e;
            }
        }
        w.rollback();
    }

    private static IndexWriterConfig config(Codec codec, Analyzer analyzer, Similarity similarity, IndexWriterConfig.OpenMode mode) {
        IndexWriterConfig c = new IndexWriterConfig(analyzer);
        c.setOpenMode(mode);
        c.setCodec(codec);
        if (similarity != null) {
            c.setSimilarity(similarity);
        }
        c.setRAMBufferSizeMB(RAM_BUFFER_MB);
        c.setUseCompoundFile(false);
        return c;
    }

    /** Reads the metadata of the commit the current searcher shows. */
    private void updateMetadata() throws IOException {
        IndexSearcher s = searchers.acquire();
        try {
            metadata = IndexMetadata.fromCommitData(((DirectoryReader) s.getIndexReader()).getIndexCommit().getUserData(), dir.toString());
        } finally {
            searchers.release(s);
        }
    }

    /** The index directory. */
    public Path dir() {
        return dir;
    }

    /** The metadata of the last commit (or of {@link #commit}'s argument once called). */
    public IndexMetadata metadata() {
        return metadata;
    }

    /**
     * The writer, for the index classes to add documents; taken (waiting up to
     * {@link #WRITE_LOCK_WAIT}) when no change is in progress.
     *
     * @throws IndexBusyException when another writer keeps the lock
     */
    public IndexWriter writer() {
        IndexWriter w = writer;
        if (w != null) {
            return w;
        }
        synchronized (this) {
            acquireWriter(WRITE_LOCK_WAIT);
            return writer;
        }
    }

    /**
     * Starts a change: takes the writer and the write lock (no-op when this store holds them) and
     * shows the index's latest commit, whose {@link #metadata()} the change builds on. Ends with
     * {@link #commit} or {@link #abort}.
     *
     * @param wait how long to wait while another writer holds the lock; zero tries once
     * @return false when the lock is held elsewhere (only when {@code wait} is zero)
     * @throws IndexBusyException when the lock is still held elsewhere after a non-zero {@code wait}
     */
    public synchronized boolean acquireWriter(Duration wait) {
        if (writer != null) {
            return true;
        }
        try {
            IndexWriter w = openWriter(dir, directory, () -> config(codec, analyzer, similarity, IndexWriterConfig.OpenMode.APPEND), wait);
            if (w == null) {
                if (wait.isZero()) {
                    return false;
                }
                throw busy(dir, metadata.column(), wait);
            }
            writer = w;
            // the writer starts from the latest commit, maybe another process's: search and build on it
            searchers.maybeRefreshBlocking();
            updateMetadata();
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the index in " + dir + " for writing", e);
        }
    }

    /** Ends a change without committing: drops its uncommitted changes and releases the writer and lock (no-op without a change). */
    public synchronized void abort() {
        IndexWriter w = writer;
        if (w == null) {
            return;
        }
        writer = null;
        try {
            release(dir, w, false);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot release the index in " + dir, e);
        }
    }

    /** A new document holding only the row id (indexed and as doc value). */
    public static Document newDocument(String id) {
        Document doc = new Document();
        BytesRef bytes = new BytesRef(id);
        doc.add(new StringField(ID_FIELD, bytes, Field.Store.NO));
        doc.add(new BinaryDocValuesField(ID_FIELD, bytes));
        return doc;
    }

    /** Deletes the documents of these row ids (unknown ids are ignored); visible after the next refresh. */
    public void delete(Collection<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        try {
            writer().deleteDocuments(idQuery(ids));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete from the index in " + dir, e);
        }
    }

    /** Replaces the document of a row id (delete then add, atomically). */
    public void update(String id, Document doc) {
        try {
            writer().updateDocument(new Term(ID_FIELD, id), doc);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot update the index in " + dir, e);
        }
    }

    /** A query matching the documents of these row ids: the pre-filter of a filtered search. */
    public static Query idQuery(Collection<String> ids) {
        List<BytesRef> terms = new ArrayList<>(ids.size());
        for (String id : ids) {
            terms.add(new BytesRef(id));
        }
        return new TermInSetQuery(ID_FIELD, terms);
    }

    /**
     * The pre-filter allowing {@code allowed} (null: every row) minus {@code excluded}, or null
     * when it allows every row.
     */
    public static Query filter(Collection<String> allowed, Collection<String> excluded) {
        if (excluded.isEmpty()) {
            return allowed == null ? null : idQuery(allowed);
        }
        if (allowed != null) {
            Set<String> rest = new HashSet<>(allowed);
            rest.removeAll(excluded);
            return idQuery(rest);
        }
        return new BooleanQuery.Builder()
                .add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER)
                .add(idQuery(excluded), BooleanClause.Occur.MUST_NOT).build();
    }

    private volatile IdDocs idDocs;

    private record IdDocs(org.apache.lucene.index.IndexReader reader, IdDocMap map) {
    }

    /**
     * The pre-filter for a search with {@code searcher}: {@code allowed} (null: every row) minus
     * {@code excluded}, or null when it allows every row. With UUID ids it is a document bit set
     * (one hash probe per id); otherwise a term query on the id field.
     */
    public Query filter(IndexSearcher searcher, Collection<String> allowed, Collection<String> excluded) throws IOException {
        if (allowed == null && excluded.isEmpty()) {
            return null;
        }
        IdDocMap map = idDocMap(searcher.getIndexReader());
        if (!map.usable()) {
            return filter(allowed, excluded);
        }
        int maxDoc = searcher.getIndexReader().maxDoc();
        org.apache.lucene.util.FixedBitSet bits = new org.apache.lucene.util.FixedBitSet(Math.max(1, maxDoc));
        if (allowed == null) {
            bits.set(0, maxDoc);
        } else if (allowed instanceof RowIdSet ids) {
            ids.forEachId((h, l) -> {
                int d = map.doc(h, l);
                if (d >= 0) {
                    bits.set(d);
                }
            });
        } else {
            for (String id : allowed) {
                int d = map.doc(id);
                if (d >= 0) {
                    bits.set(d);
                }
            }
        }
        for (String id : excluded) {
            int d = map.doc(id);
            if (d >= 0) {
                bits.clear(d);
            }
        }
        return new DocSetQuery(bits);
    }

    private IdDocMap idDocMap(org.apache.lucene.index.IndexReader reader) throws IOException {
        IdDocs cached = idDocs;
        if (cached != null && cached.reader() == reader) {
            return cached.map();
        }
        synchronized (this) {
            cached = idDocs;
            if (cached == null || cached.reader() != reader) {
                cached = new IdDocs(reader, IdDocMap.build(reader));
                idDocs = cached;
            }
            return cached.map();
        }
    }

    /** Deletes every document (before a rebuild). */
    public void clear() {
        try {
            writer().deleteAll();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clear the index in " + dir, e);
        }
    }

    /**
     * Makes all changes durable, records that the index now covers {@code snapshotId}, shows the
     * new commit to searches and ends the change (releasing the writer and lock; merges that the
     * commit started finish first).
     *
     * @throws IndexBusyException when no change was in progress and another writer keeps the lock
     */
    public synchronized void commit(long snapshotId) {
        IndexWriter w = writer();
        IndexMetadata next = metadata.withSnapshot(snapshotId);
        try {
            w.setLiveCommitData(next.toCommitData().entrySet());
            w.commit();
            writer = null;
            release(dir, w, true);
            searchers.maybeRefreshBlocking();
            updateMetadata();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot commit the index in " + dir, e);
        } finally {
            if (writer == w) {
                abort();
            }
        }
    }

    /**
     * Shows searches the index's latest commit, made by this store or by another process (a cheap
     * check of the commit file when nothing changed). Uncommitted changes are never visible.
     */
    public void refresh() {
        try {
            searchers.maybeRefreshBlocking();
            updateMetadata();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot refresh the index in " + dir, e);
        }
    }

    /**
     * {@link #refresh()} when searches show an index older than table snapshot {@code tableSnapshot}:
     * picks up a catch-up another process committed. Looks at the directory (one small file read)
     * on the first search of each table snapshot and then at most every {@link #BEHIND_CHECK_NANOS};
     * never while the index is current.
     */
    public void refreshIfBehind(long tableSnapshot) {
        if (metadata.snapshotId() == tableSnapshot) {
            return;
        }
        long now = System.nanoTime();
        if (checkedTableSnapshot == tableSnapshot && now - checkedAt < BEHIND_CHECK_NANOS) {
            return;
        }
        checkedTableSnapshot = tableSnapshot;
        checkedAt = now;
        refresh();
    }

    /** A search over a point-in-time view of the index. */
    @FunctionalInterface
    public interface SearchAction<T> {
        T run(IndexSearcher searcher) throws IOException;
    }

    /** Runs {@code action} with a searcher, released afterwards. */
    public <T> T search(SearchAction<T> action) {
        try {
            IndexSearcher s = searchers.acquire();
            try {
                return action.run(s);
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Search failed in the index in " + dir, e);
        }
    }

    /** Live documents in the current view. */
    public int size() {
        return search(s -> s.getIndexReader().numDocs());
    }

    /**
     * The row ids of documents (global doc ids of {@code searcher}'s reader), in the order given.
     */
    public static String[] ids(IndexSearcher searcher, int[] docs) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        Integer[] order = new Integer[docs.length];
        for (int i = 0; i < docs.length; i++) {
            order[i] = i;
        }
        // Doc values are read forward, so visit the docs in increasing order.
        Arrays.sort(order, (a, b) -> Integer.compare(docs[a], docs[b]));
        String[] out = new String[docs.length];
        int currentLeaf = -1;
        BinaryDocValues values = null;
        for (int i : order) {
            int leaf = ReaderUtil.subIndex(docs[i], leaves);
            LeafReaderContext ctx = leaves.get(leaf);
            if (leaf != currentLeaf) {
                values = ctx.reader().getBinaryDocValues(ID_FIELD);
                currentLeaf = leaf;
            }
            int local = docs[i] - ctx.docBase;
            if (values == null || !values.advanceExact(local)) {
                throw new IllegalStateException("Document " + docs[i] + " has no " + ID_FIELD);
            }
            out[i] = values.binaryValue().utf8ToString();
        }
        return out;
    }

    /** Closes the searchers and any writer (uncommitted changes are lost), releasing the lock. */
    @Override
    public void close() {
        try {
            searchers.close();
            abort();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot close the index in " + dir, e);
        }
    }
}
