package ai.deeplake4j.engine.search.sql;

import ai.deeplake4j.api.error.QueryException;
import ai.deeplake4j.api.schema.ColumnType;
import ai.deeplake4j.api.schema.TypeKind;
import ai.deeplake4j.engine.search.Hit;
import ai.deeplake4j.engine.search.exec.SearchResult;
import ai.deeplake4j.engine.search.fusion.Arm;
import ai.deeplake4j.engine.search.fusion.FusionStrategies;
import ai.deeplake4j.engine.search.fusion.FusionStrategy;
import ai.deeplake4j.engine.search.lake.LakeSearchTable;
import ai.deeplake4j.engine.sql.Token;
import ai.deeplake4j.engine.table.Sql;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites the search operators of a statement into SQL DuckDB runs (ARCHITECTURE D1, D2, 2.3).
 * DuckDB cannot lex {@code <#>}; each use is classified by its left operand's column type:
 *
 * <ul>
 *   <li>a top-k use ({@code ORDER BY <the use or its alias> DESC LIMIT k} on one table) runs in Java
 *       through the column's index (or exactly) with the WHERE clause as a pre-filter, and the FROM
 *       table becomes that table joined with the k hits {@code (_id, score)};</li>
 *   <li>any other EMBEDDING use becomes {@code list_cosine_similarity}, a 2-D use the MaxSim
 *       expression of {@link ExactSql} (exact, in DuckDB); a TEXT use is scored by exact BM25 over
 *       the column and left-joined (0 for rows without a query term);</li>
 *   <li>{@code text @> 'x'} becomes {@code contains(text, 'x')} (substring containment); on other
 *       types {@code @>} keeps DuckDB's meaning.</li>
 * </ul>
 * Scores appear to the rest of the query as a column {@code "__dl_score_N"}, hidden from
 * {@code SELECT *}. Hybrid fusion is pg_deeplake's softmax fusion; a fifth argument
 * {@code deeplake_hybrid_record(v, 'text', w_vec, w_text, 'rrf')} chooses reciprocal rank fusion.
 */
public final class SearchRewriter {

    private final SearchContext context;

    /** @param context tables, indexes and score relations of the engine */
    public SearchRewriter(SearchContext context) {
        this.context = context;
    }

    /**
     * The result of rewriting one statement.
     *
     * @param sql     SQL for DuckDB
     * @param explain true when the statement was {@code EXPLAIN ...} (sql is then the inner query)
     * @param routes  how each use was served, for EXPLAIN
     * @param cleanup actions to run after the statement (drop score tables)
     */
    public record Rewrite(String sql, boolean explain, List<String> routes, List<Runnable> cleanup) {
    }

    /** True when the tokens contain a search operator ({@code <#>} or {@code @>}). */
    public static boolean applies(List<Token> tokens) {
        for (Token t : tokens) {
            if (t.kind() == Token.Kind.OPERATOR && (t.text().equals("<#>") || t.text().equals("@>"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Rewrites a query statement, running the searches it needs.
     *
     * @throws QueryException malformed uses, unsupported types, wrong dimensions
     */
    public Rewrite rewrite(List<Token> tokens) {
        TokenView v = new TokenView(tokens);
        boolean explain = v.is(0, "EXPLAIN");
        Map<Integer, List<SearchUse>> byScope = new LinkedHashMap<>();
        for (int p = 0; p < v.size(); p++) {
            Token t = v.get(p);
            if (t.kind() == Token.Kind.OPERATOR && (t.text().equals("<#>") || t.text().equals("@>"))) {
                byScope.computeIfAbsent(scopeStart(v, p, explain), s -> new ArrayList<>()).add(SearchUse.parse(v, p));
            }
        }
        List<String> routes = new ArrayList<>();
        List<Runnable> cleanup = new ArrayList<>();
        int[] scoreCounter = {0};
        for (Map.Entry<Integer, List<SearchUse>> e : byScope.entrySet()) {
            int start = e.getKey();
            int end = v.get(start - 1) != null && v.isSymbol(start - 1, "(") ? v.match(start - 1) - 1 : v.size() - 1;
            while (end > start && v.isSymbol(end, ";")) {
                end--;
            }
            rewriteScope(v, new SelectScope(v, start, end), e.getValue(), routes, cleanup, scoreCounter);
        }
        String sql = v.render();
        if (explain) {
            sql = sql.substring(sql.toUpperCase(java.util.Locale.ROOT).indexOf("EXPLAIN") + "EXPLAIN".length()).trim();
        }
        return new Rewrite(sql, explain, routes, cleanup);
    }

    /** The SELECT whose clauses contain the use at {@code p}: the innermost bracket starting with SELECT, else the statement. */
    private static int scopeStart(TokenView v, int p, boolean explain) {
        int open = v.enclosing(p);
        while (open >= 0) {
            if (v.is(open + 1, "SELECT")) {
                return open + 1;
            }
            open = v.enclosing(open);
        }
        int first = explain ? 1 : 0;
        // WITH ... AS (...) SELECT: the main SELECT is the first SELECT at top level.
        for (int q = first; q < v.size(); q++) {
            if (v.is(q, "SELECT") && v.enclosing(q) == -1) {
                return q;
            }
        }
        return first;
    }

    private void rewriteScope(TokenView v, SelectScope scope, List<SearchUse> uses, List<String> routes,
                              List<Runnable> cleanup, int[] counter) {
        LakeSearchTable table = scope.table == null ? null : context.table(scope.table);
        List<ScoreJoin> joins = new ArrayList<>();
        List<String> hitIds = null;
        SearchUse topK = topKUse(v, scope, uses);
        if (topK != null && table != null && !topK.isHybrid() && isVectorColumn(table, topK.column)
                && context.indexes(table.name()).typeOf(topK.column) == null) {
            // Without an index an exact vector top-k is fastest in DuckDB itself (WHERE, ORDER BY, LIMIT as written).
            topK = null;
        }
        for (SearchUse u : uses) {
            if (table == null) {
                if (u.operator.equals("@>")) {
                    continue;
                }
                throw new QueryException("<#> works on one table in FROM (optionally with an alias); join its result with "
                        + "other tables in an outer query.");
            }
            checkQualifier(scope, u);
            if (u.operator.equals("@>")) {
                ColumnType type = table.columnType(u.column);
                if (type != null && type.kind() == TypeKind.TEXT) {
                    v.replace(u.leftFrom, u.rightTo, "contains(" + u.leftText + ", " + v.text(u.position + 1, u.rightTo).trim() + ")");
                }
                continue;
            }
            Kind kind = classify(table, u);
            String scoreColumn = "__dl_score_" + (++counter[0]);
            String ref = Sql.identifier(scope.reference());
            if (u == topK || (topK != null && u.normalized(v).equals(topK.normalized(v)))) {
                if (u == topK) {
                    long k = scope.limit + scope.offset;
                    Set<String> filter = scope.whereStart < 0 ? null
                            : table.idsWhere(v.text(scope.whereStart, scope.whereEnd), scope.reference());
                    SearchResult r = search(table, kind, u, (int) Math.min(Integer.MAX_VALUE, Math.max(1, k)), filter);
                    routes.add(r.route());
                    hitIds = r.hits().stream().map(Hit::id).toList();
                    joins.add(new ScoreJoin("JOIN", context.scoreRelation(r.hits(), cleanup), "__dl_s" + counter[0], scoreColumn));
                    topK.scoreColumn = scoreColumn;
                }
                v.replace(u.leftFrom, u.rightTo, ref + "." + Sql.identifier(topK.scoreColumn));
                continue;
            }
            switch (kind) {
                case VECTOR -> {
                    float[] q = ((QueryValue.Vector) u.value).values();
                    v.replace(u.leftFrom, u.rightTo, ExactSql.cosine(u.leftText, q));
                    routes.add("exact cosine of " + u.column + " in DuckDB (list_cosine_similarity over every row"
                            + indexNote(table, u.column) + ")");
                }
                case MATRIX -> {
                    v.replace(u.leftFrom, u.rightTo, ExactSql.maxSim(u.leftText, matrix(u.value)));
                    routes.add("exact MaxSim of " + u.column + " in DuckDB over every row" + indexNote(table, u.column) + ")");
                }
                case TEXT -> {
                    SearchResult r = context.executor().text(table, context.indexes(table.name()), u.column,
                            ((QueryValue.Text) u.value).text(), Integer.MAX_VALUE - 8, null);
                    routes.add(r.route() + "; scores for every row (not a top-k query)");
                    joins.add(new ScoreJoin("LEFT JOIN", context.scoreRelation(r.hits(), cleanup), "__dl_s" + counter[0], scoreColumn));
                    v.replace(u.leftFrom, u.rightTo, "COALESCE(" + ref + "." + Sql.identifier(scoreColumn) + ", 0.0)");
                }
                case HYBRID -> throw new QueryException("A hybrid <#> needs ORDER BY <score> DESC LIMIT k on one table: "
                        + "the fusion ranks the top k of each arm (k is the LIMIT).");
            }
        }
        if (!joins.isEmpty()) {
            String hitRows = hitIds == null ? null : table.rowsWithIds(hitIds);
            if (hitIds != null) {
                routes.add(hitRows != null ? "hit rows read by position (" + hitIds.size() + " rows)"
                        : "hit rows found by a join on _id (the table is above the row locator's limit, or a hit was not in the snapshot's files)");
            }
            replaceFrom(v, scope, table, joins, hitRows);
        }
    }

    /** The use ranked by {@code ORDER BY <use or alias> DESC LIMIT k}, if any. */
    private static SearchUse topKUse(TokenView v, SelectScope scope, List<SearchUse> uses) {
        if (scope.limit < 0 || scope.orderStart < 0 || scope.setOperation || scope.grouped || scope.table == null) {
            return null;
        }
        int keyEnd = scope.orderEnd;
        boolean desc = false;
        if (v.is(keyEnd, "LAST") || v.is(keyEnd, "FIRST")) {
            keyEnd -= 2;
        }
        if (v.is(keyEnd, "DESC")) {
            desc = true;
            keyEnd--;
        }
        if (!desc) {
            return null;
        }
        for (int p = scope.orderStart; p <= keyEnd; p++) {
            if (v.isSymbol(p, ",") && v.sameLevel(p, scope.start)) {
                return null;
            }
        }
        String key = v.normalized(scope.orderStart, keyEnd);
        for (SearchUse u : uses) {
            if (!u.operator.equals("<#>")) {
                continue;
            }
            if (key.equals(u.normalized(v))) {
                return u;
            }
            for (int[] item : scope.items) {
                if (u.leftFrom >= item[0] && u.rightTo <= item[1] && u.rightTo + 1 <= item[1]) {
                    int aliasPos = item[1];
                    Token alias = v.get(aliasPos);
                    boolean plain = u.rightTo + 1 == aliasPos || (u.rightTo + 2 == aliasPos && v.is(u.rightTo + 1, "AS"));
                    if (plain && u.leftFrom == item[0] && alias.identifier() != null
                            && (alias.identifier().equals(v.get(scope.orderStart).identifier())) && scope.orderStart == keyEnd) {
                        return u;
                    }
                }
            }
        }
        return null;
    }

    private static boolean isVectorColumn(LakeSearchTable table, String column) {
        ColumnType type = table.columnType(column);
        return type != null && (type.kind() == TypeKind.EMBEDDING || type.kind() == TypeKind.EMBEDDING_2D);
    }

    private enum Kind { VECTOR, MATRIX, TEXT, HYBRID }

    /** A score relation joined to the FROM table: its join kind, SQL, alias and the score column it yields. */
    private record ScoreJoin(String kind, String relation, String alias, String column) {
    }

    private static Kind classify(LakeSearchTable table, SearchUse u) {
        ColumnType type = columnType(table, u.column);
        if (u.isHybrid()) {
            ColumnType textType = columnType(table, u.textColumn);
            if (type.kind() != TypeKind.EMBEDDING || textType.kind() != TypeKind.TEXT) {
                throw new QueryException("deeplake_hybrid_record needs (EMBEDDING, TEXT) columns, got " + u.column + " " + type
                        + " and " + u.textColumn + " " + textType + ".");
            }
            checkVector(u, type);
            return Kind.HYBRID;
        }
        return switch (type.kind()) {
            case EMBEDDING -> {
                checkVector(u, type);
                yield Kind.VECTOR;
            }
            case EMBEDDING_2D -> {
                matrix(u.value);
                yield Kind.MATRIX;
            }
            case TEXT -> {
                if (!(u.value instanceof QueryValue.Text)) {
                    throw new QueryException("text <#> needs a query text: " + u.column + " is TEXT, so use e.g. "
                            + u.column + " <#> 'words to find'.");
                }
                yield Kind.TEXT;
            }
            default -> throw new QueryException("Operator <#> does not apply to column " + u.column + " of type " + type
                    + ". It means cosine similarity on EMBEDDING, MaxSim on EMBEDDING_2D, BM25 on TEXT, and hybrid search on "
                    + "(embedding, text)::deeplake_hybrid_record.");
        };
    }

    private static ColumnType columnType(LakeSearchTable table, String column) {
        ColumnType type = table.columnType(column);
        if (type == null) {
            throw new QueryException("Column not found: " + column + " in table " + table.name() + ".");
        }
        return type;
    }

    private static void checkVector(SearchUse u, ColumnType type) {
        if (!(u.value instanceof QueryValue.Vector vec)) {
            throw new QueryException("<#> on EMBEDDING column " + u.column + " needs a query vector, e.g. $1 bound to a float[].");
        }
        if (type.dimension() > 0 && vec.values().length != type.dimension()) {
            throw new QueryException("Query vector has dimension " + vec.values().length + " but column " + u.column
                    + " has dimension " + type.dimension() + ". Pass a vector of " + type.dimension() + " numbers.");
        }
    }

    private static float[][] matrix(QueryValue value) {
        return switch (value) {
            case QueryValue.Matrix m -> m.rows();
            case QueryValue.Vector vec -> new float[][] {vec.values()};
            case QueryValue.Text t -> throw new QueryException("<#> on an EMBEDDING_2D column needs a query matrix, e.g. '{{0.1,0.2},{0.3,0.4}}'.");
        };
    }

    private SearchResult search(LakeSearchTable table, Kind kind, SearchUse u, int k, Set<String> filter) {
        var indexes = context.indexes(table.name());
        var ex = context.executor();
        return switch (kind) {
            case VECTOR -> ex.vector(table, indexes, u.column, ((QueryValue.Vector) u.value).values(), k, filter);
            case MATRIX -> ex.maxSim(table, indexes, u.column, matrix(u.value), k, filter);
            case TEXT -> ex.text(table, indexes, u.column, ((QueryValue.Text) u.value).text(), k, filter);
            case HYBRID -> {
                float[] q = ((QueryValue.Vector) u.value).values();
                if (indexes.typeOf(u.column) != null) {
                    yield ex.hybrid(table, indexes, u.column, u.textColumn, q, u.hybridText, u.vectorWeight, u.textWeight, k,
                            filter, fusion(u));
                }
                // No vector index: the vector arm is an exact top-k in DuckDB, the text arm as usual.
                SearchResult vectorArm = new SearchResult(table.exactCosineTopK(u.column, q, k, filter),
                        "exact cosine top-" + k + " of " + u.column + " in DuckDB (no index)");
                SearchResult textArm = ex.text(table, indexes, u.textColumn, u.hybridText, k, filter);
                var fusion = fusion(u);
                yield new SearchResult(fusion.fuse(List.of(new Arm("vector", vectorArm.hits(), u.vectorWeight),
                        new Arm("bm25", textArm.hits(), u.textWeight)), k), "hybrid " + fusion.name() + " fusion (weights "
                        + u.vectorWeight + "/" + u.textWeight + ") of [" + vectorArm.route() + "] and [" + textArm.route() + "]");
            }
        };
    }

    private static FusionStrategy fusion(SearchUse u) {
        try {
            return FusionStrategies.byName(u.fusion);
        } catch (IllegalArgumentException e) {
            throw new QueryException(e.getMessage());
        }
    }

    private String indexNote(LakeSearchTable table, String column) {
        var type = context.indexes(table.name()).typeOf(column);
        return type == null ? "; no index" : "; index " + type + " not used: not an ORDER BY <score> DESC LIMIT k query";
    }

    private static void checkQualifier(SelectScope scope, SearchUse u) {
        if (u.qualifier != null && !u.qualifier.equalsIgnoreCase(scope.reference()) && !u.qualifier.equalsIgnoreCase(scope.table)) {
            throw new QueryException("Unknown table or alias " + u.qualifier + " in " + u.leftText + ".");
        }
    }

    /**
     * FROM t [alias] becomes (t with _id joined to the score relations) AS alias; SELECT * hides the
     * scores. With a top-k, t is only {@code hitRows} (the hits read by their places in the data
     * files) rather than the whole table scanned for their ids.
     */
    private static void replaceFrom(TokenView v, SelectScope scope, LakeSearchTable table, List<ScoreJoin> joins,
                                    String hitRows) {
        StringBuilder cols = new StringBuilder("__dl_t.* EXCLUDE (_id)");
        List<String> scoreCols = new ArrayList<>();
        for (ScoreJoin j : joins) {
            cols.append(", ").append(j.alias()).append(".score AS ").append(Sql.identifier(j.column()));
            scoreCols.add(Sql.identifier(j.column()));
        }
        StringBuilder from = new StringBuilder("(SELECT ").append(cols).append(" FROM (")
                .append(hitRows != null ? hitRows : table.scanWithId()).append(") AS __dl_t");
        for (ScoreJoin j : joins) {
            from.append(' ').append(j.kind()).append(' ').append(j.relation()).append(" AS ").append(j.alias())
                    .append("(_id, score) ON __dl_t._id = CAST(").append(j.alias()).append("._id AS UUID)");
        }
        from.append(") AS ").append(Sql.identifier(scope.reference()));
        v.replace(scope.from, scope.fromEnd, from.toString());
        // SELECT * and t.* must not show the score columns.
        for (int[] item : scope.items) {
            boolean star = item[0] == item[1] && v.isSymbol(item[0], "*");
            boolean qualifiedStar = item[1] == item[0] + 2 && v.isSymbol(item[1], "*") && v.isSymbol(item[0] + 1, ".");
            if (star || qualifiedStar) {
                v.replace(item[0], item[1], v.text(item[0], item[1]).trim() + " EXCLUDE (" + String.join(", ", scoreCols) + ")");
            }
        }
    }
}
