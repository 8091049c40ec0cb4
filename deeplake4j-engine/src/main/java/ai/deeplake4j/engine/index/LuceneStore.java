package ai.deeplake4j.engine.index;

import ai.deeplake4j.api.error.TableException;
import ai.deeplake4j.engine.table.RowIdSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
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
import org.apache.lucene.util.BytesRef;

/**
 * The Lucene plumbing every index shares: a directory, one {@link IndexWriter} (it holds the
 * directory's write lock for the store's lifetime), near-real-time searchers, the hidden
 * {@code _id} of each document (indexed for deletes and filters, doc values for reading hits back)
 * and the {@link IndexMetadata} kept in each commit. Thread-safe.
 */
public final class LuceneStore implements AutoCloseable {

    /** The field holding the row's {@code _id}. */
    public static final String ID_FIELD = "_id";

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
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private volatile IndexMetadata metadata;

    private LuceneStore(Path dir, FSDirectory directory, IndexWriter writer, IndexMetadata metadata,
                        Similarity similarity) throws IOException {
        this.dir = dir;
        this.directory = directory;
        this.writer = writer;
        this.metadata = metadata;
        this.searchers = new SearcherManager(writer, new SearcherFactory() {
            @Override
            public IndexSearcher newSearcher(org.apache.lucene.index.IndexReader reader, org.apache.lucene.index.IndexReader previous) {
                IndexSearcher s = new IndexSearcher(reader, SEGMENT_SEARCH);
                if (similarity != null) {
                    s.setSimilarity(similarity);
                }
                return s;
            }
        });
    }

    /**
     * Creates a new, empty index in {@code dir} and commits its metadata.
     *
     * @throws TableException when {@code dir} already holds an index
     */
    public static LuceneStore create(Path dir, IndexMetadata metadata, Codec codec, Analyzer analyzer, Similarity similarity) {
        try {
            Files.createDirectories(dir);
            FSDirectory directory = FSDirectory.open(dir);
            if (DirectoryReader.indexExists(directory)) {
                directory.close();
                throw new TableException("An index already exists in " + dir + ". Drop it first.");
            }
            IndexWriter writer = new IndexWriter(directory, config(codec, analyzer, similarity, IndexWriterConfig.OpenMode.CREATE));
            writer.setLiveCommitData(metadata.toCommitData().entrySet());
            writer.commit();
            return new LuceneStore(dir, directory, writer, metadata, similarity);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the index in " + dir, e);
        }
    }

    /**
     * Opens an existing index. The codec only decides how new segments are written; segments are
     * read with the formats recorded in them.
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
            IndexWriter writer = new IndexWriter(directory, config(codec, analyzer, similarity, IndexWriterConfig.OpenMode.APPEND));
            Map<String, String> data = new HashMap<>();
            for (Map.Entry<String, String> e : writer.getLiveCommitData()) {
                data.put(e.getKey(), e.getValue());
            }
            return new LuceneStore(dir, directory, writer, IndexMetadata.fromCommitData(data, dir.toString()), similarity);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the index in " + dir, e);
        }
    }

    /** Reads the metadata of the index in {@code dir} without opening a writer. */
    public static IndexMetadata readMetadata(Path dir) {
        try (FSDirectory directory = FSDirectory.open(dir)) {
            if (!DirectoryReader.indexExists(directory)) {
                throw new TableException("No index in " + dir + ". Create it with createIndex.");
            }
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                return IndexMetadata.fromCommitData(reader.getIndexCommit().getUserData(), dir.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the index in " + dir, e);
        }
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

    /** The index directory. */
    public Path dir() {
        return dir;
    }

    /** The metadata of the last commit (or of {@link #commit}'s argument once called). */
    public IndexMetadata metadata() {
        return metadata;
    }

    /** The writer, for the index classes to add documents. */
    public IndexWriter writer() {
        return writer;
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
            writer.deleteDocuments(idQuery(ids));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete from the index in " + dir, e);
        }
    }

    /** Replaces the document of a row id (delete then add, atomically). */
    public void update(String id, Document doc) {
        try {
            writer.updateDocument(new Term(ID_FIELD, id), doc);
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
            writer.deleteAll();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clear the index in " + dir, e);
        }
    }

    /** Makes all changes durable and records that the index now covers {@code snapshotId}. */
    public void commit(long snapshotId) {
        IndexMetadata next = metadata.withSnapshot(snapshotId);
        try {
            writer.setLiveCommitData(next.toCommitData().entrySet());
            writer.commit();
            searchers.maybeRefreshBlocking();
            metadata = next;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot commit the index in " + dir, e);
        }
    }

    /** Makes added and deleted documents visible to searches without a durable commit. */
    public void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot refresh the index in " + dir, e);
        }
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

    /** Closes the searchers and the writer (uncommitted changes are lost) and releases the lock. */
    @Override
    public void close() {
        try {
            searchers.close();
            writer.rollback();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot close the index in " + dir, e);
        }
    }
}
