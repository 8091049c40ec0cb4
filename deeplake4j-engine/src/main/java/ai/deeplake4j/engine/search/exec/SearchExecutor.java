package ai.deeplake4j.engine.search.exec;

import ai.deeplake4j.api.error.QueryException;
import ai.deeplake4j.api.schema.ColumnType;
import ai.deeplake4j.api.schema.TypeKind;
import ai.deeplake4j.engine.index.IndexType;
import ai.deeplake4j.engine.index.SearchIndex;
import ai.deeplake4j.engine.index.TableIndexes;
import ai.deeplake4j.engine.index.matrix.MatrixIndex;
import ai.deeplake4j.engine.index.text.TextIndex;
import ai.deeplake4j.engine.index.vector.VectorIndex;
import ai.deeplake4j.engine.search.ExactVectorSearch;
import ai.deeplake4j.engine.search.Hit;
import ai.deeplake4j.engine.search.MatrixRow;
import ai.deeplake4j.engine.search.TextRow;
import ai.deeplake4j.engine.search.TopHits;
import ai.deeplake4j.engine.search.VectorRow;
import ai.deeplake4j.engine.search.exec.SearchableTable.Changes;
import ai.deeplake4j.engine.search.exec.SearchableTable.ColumnRow;
import ai.deeplake4j.engine.search.fusion.Arm;
import ai.deeplake4j.engine.search.fusion.FusionStrategy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Runs one top-k search of a {@code <#>} use on a table, through the column's index when it has
 * one and exactly otherwise, and says which route it took.
 *
 * <ul>
 *   <li>Vectors: an index behind the table is searched with the rows changed since its snapshot
 *       left out (pre-filter) and those rows scored exactly and merged, so committed rows are
 *       never missed and HNSW inserts stay off the query path; above {@link #SYNC_THRESHOLD}
 *       changed rows the index is brought up to date first.</li>
 *   <li>Text and 2-D: the index is first brought up to date (cheap for text; BM25 statistics must
 *       cover all rows), then searched.</li>
 * </ul>
 * A search never waits for an index's write lock: when another process (or client) is writing an
 * index that is behind, the changed rows are merged exactly (vectors) or every row is scored
 * exactly (text, 2-D) instead of syncing. An index behind the table is first re-read in case
 * another process brought it up to date. A filter (row ids from the query's WHERE) is a
 * pre-filter on every route.
 */
public final class SearchExecutor {

    /**
     * Above this many rows changed since an index's snapshot, a search first brings the index up
     * to date (once) rather than scoring the changed rows exactly on every query.
     */
    public static final int SYNC_THRESHOLD = 5_000;

    /** Route note when an index is behind and another writer holds it, so the search does not wait to sync it. */
    private static final String BUSY = "the index is behind and another process or client is writing it";

    private final IndexMaintenance maintenance;
    private final Map<String, Changes> changesCache = new ConcurrentHashMap<>();

    /** @param maintenance brings indexes up to date when a search finds them behind */
    public SearchExecutor(IndexMaintenance maintenance) {
        this.maintenance = maintenance;
    }

    /**
     * Cosine top-k on an EMBEDDING column.
     *
     * @param filter allowed row ids, or null for every row
     * @throws QueryException wrong column type, or a query of the wrong dimension (names both)
     */
    public SearchResult vector(SearchableTable table, TableIndexes indexes, String column, float[] query, int k, Set<String> filter) {
        requireKind(table, column, TypeKind.EMBEDDING);
        SearchIndex index = indexes.get(column);
        if (!(index instanceof VectorIndex vi)) {
            List<VectorRow> rows = vectorRows(table.rows(column));
            return new SearchResult(ExactVectorSearch.topK(column, query, rows, k, predicate(filter)),
                    "exact cosine scan of " + column + " over " + rows.size() + " rows (no index)" + filterNote(filter));
        }
        vi.refreshIfBehind(table.snapshotId());
        Changes changes = changes(table, vi, column);
        String busy = "";
        if (changes == null || changes.upserts().size() + changes.removedIds().size() > SYNC_THRESHOLD) {
            if (maintenance.trySync(table, vi) >= 0) {
                changes = new Changes(Set.of(), List.of());
            } else if (changes == null) {
                List<VectorRow> rows = vectorRows(table.rows(column));
                return new SearchResult(ExactVectorSearch.topK(column, query, rows, k, predicate(filter)),
                        "exact cosine scan of " + column + " over " + rows.size() + " rows (" + BUSY
                                + "; it covers a snapshot the table's history no longer reaches)" + filterNote(filter));
            } else {
                busy = " (" + BUSY + ")";
            }
        }
        Set<String> excluded = new HashSet<>(changes.removedIds());
        changes.upserts().forEach(r -> excluded.add(r.id()));
        List<Hit> fromIndex = vi.search(query, k, filter, excluded);
        String route = "index " + vi.metadata().type() + " on " + column + " (HNSW, " + VectorIndex.numCandidates(k)
                + " candidates, rescored exactly, snapshot " + vi.metadata().snapshotId() + ")" + filterNote(filter);
        if (changes.upserts().isEmpty()) {
            return new SearchResult(fromIndex, route);
        }
        List<Hit> fresh = ExactVectorSearch.topK(column, query, vectorRows(changes.upserts()), k, predicate(filter));
        return new SearchResult(TopHits.merge(k, List.of(fromIndex, fresh)),
                route + " + exact over " + changes.upserts().size() + " rows committed since" + busy);
    }

    /**
     * BM25 top-k on a TEXT column (rows sharing no term with the query are not hits).
     */
    public SearchResult text(SearchableTable table, TableIndexes indexes, String column, String query, int k, Set<String> filter) {
        requireKind(table, column, TypeKind.TEXT);
        SearchIndex index = indexes.get(column);
        if (!(index instanceof TextIndex ti)) {
            List<TextRow> rows = textRows(table.rows(column));
            return new SearchResult(TextIndex.exactScorer(IndexType.BM25).topK(query, rows, k, predicate(filter)),
                    "exact BM25 of " + column + " over " + rows.size() + " rows (no index; English analyzer)" + filterNote(filter));
        }
        ti.refreshIfBehind(table.snapshotId());
        int synced = maintenance.trySync(table, ti);
        if (synced < 0) {
            // BM25 statistics must cover every row, so score them all with the index's analyzer
            List<TextRow> rows = textRows(table.rows(column));
            return new SearchResult(ti.exactScorer().topK(query, rows, k, predicate(filter)), "exact BM25 of " + column + " over "
                    + rows.size() + " rows (" + BUSY + "; " + ti.metadata().type() + " analyzer)" + filterNote(filter));
        }
        return new SearchResult(ti.search(query, k, filter), "index " + ti.metadata().type() + " on " + column
                + " (BM25 k1=1.2 b=0.75, snapshot " + ti.metadata().snapshotId() + (synced > 0 ? ", " + synced + " rows synced" : "")
                + ")" + filterNote(filter));
    }

    /** MaxSim top-k on an EMBEDDING_2D column. */
    public SearchResult maxSim(SearchableTable table, TableIndexes indexes, String column, float[][] query, int k, Set<String> filter) {
        requireKind(table, column, TypeKind.EMBEDDING_2D);
        SearchIndex index = indexes.get(column);
        if (!(index instanceof MatrixIndex mi)) {
            List<MatrixRow> rows = new ArrayList<>();
            table.rows(column).forEach(r -> rows.add(new MatrixRow(r.id(), (float[][]) r.value())));
            return new SearchResult(ExactVectorSearch.topKMaxSim(column, query, rows, k, predicate(filter)),
                    "exact MaxSim scan of " + column + " over " + rows.size() + " rows (no index)" + filterNote(filter));
        }
        mi.refreshIfBehind(table.snapshotId());
        if (maintenance.trySync(table, mi) < 0) {
            List<MatrixRow> rows = new ArrayList<>();
            table.rows(column).forEach(r -> rows.add(new MatrixRow(r.id(), (float[][]) r.value())));
            return new SearchResult(ExactVectorSearch.topKMaxSim(column, query, rows, k, predicate(filter)),
                    "exact MaxSim scan of " + column + " over " + rows.size() + " rows (" + BUSY + ")" + filterNote(filter));
        }
        return new SearchResult(mi.search(query, k, filter), "index pooled_quantized on " + column + " (HNSW over pooled vectors, "
                + MatrixIndex.numCandidates(k) + " candidates, MaxSim rescoring)" + filterNote(filter));
    }

    /**
     * Hybrid top-k: the top k of the vector arm and of the BM25 arm, fused.
     *
     * @param vectorWeight weight of the vector arm (default 0.5)
     * @param textWeight   weight of the BM25 arm (default 0.5)
     */
    public SearchResult hybrid(SearchableTable table, TableIndexes indexes, String vectorColumn, String textColumn,
                               float[] vector, String text, double vectorWeight, double textWeight, int k,
                               Set<String> filter, FusionStrategy fusion) {
        SearchResult v = vector(table, indexes, vectorColumn, vector, k, filter);
        SearchResult t = text(table, indexes, textColumn, text, k, filter);
        List<Hit> fused = fusion.fuse(List.of(new Arm("vector", v.hits(), vectorWeight), new Arm("bm25", t.hits(), textWeight)), k);
        return new SearchResult(fused, "hybrid " + fusion.name() + " fusion (weights " + vectorWeight + "/" + textWeight
                + ") of [" + v.route() + "] and [" + t.route() + "]");
    }

    /** The changes since the index's snapshot, cached per (table, column, index snapshot, table snapshot). */
    private Changes changes(SearchableTable table, SearchIndex index, String column) {
        long covered = index.metadata().snapshotId();
        if (covered == table.snapshotId()) {
            return new Changes(Set.of(), List.of());
        }
        String key = table.name() + "\u0000" + column + "\u0000" + covered + "\u0000" + table.snapshotId();
        Changes cached = changesCache.get(key);
        if (cached != null) {
            return cached;
        }
        Changes fresh = table.changesSince(covered, column);
        if (fresh != null) {
            if (changesCache.size() > 64) {
                changesCache.clear();
            }
            changesCache.put(key, fresh);
        }
        return fresh;
    }

    private static void requireKind(SearchableTable table, String column, TypeKind kind) {
        ColumnType type = table.columnType(column);
        if (type == null) {
            throw new QueryException("Column not found: " + column + " in table " + table.name() + ".");
        }
        if (type.kind() != kind) {
            throw new QueryException("<#> needs a " + kind + " column here, but " + column + " is " + type + ".");
        }
    }

    private static Predicate<String> predicate(Set<String> filter) {
        return filter == null ? null : filter::contains;
    }

    private static String filterNote(Set<String> filter) {
        return filter == null ? "" : ", pre-filtered to " + filter.size() + " rows";
    }

    private static List<VectorRow> vectorRows(List<ColumnRow> rows) {
        List<VectorRow> out = new ArrayList<>(rows.size());
        rows.forEach(r -> out.add(new VectorRow(r.id(), (float[]) r.value())));
        return out;
    }

    private static List<TextRow> textRows(List<ColumnRow> rows) {
        List<TextRow> out = new ArrayList<>(rows.size());
        rows.forEach(r -> out.add(new TextRow(r.id(), (String) r.value())));
        return out;
    }
}
