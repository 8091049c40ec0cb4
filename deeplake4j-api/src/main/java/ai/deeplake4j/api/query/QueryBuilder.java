package ai.deeplake4j.api.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Fluent SELECT over one table, as Deeplake's {@code client.table(t).select(...).where(...)...()}.
 * Placeholders {@code $1, $2, ...} in {@link #where} are numbered by the caller across all
 * {@code where} calls; parameters are appended in call order. Conditions of several
 * {@code where} calls are joined with AND. The table name is quoted.
 *
 * <p>Not thread-safe; {@link #execute()} may be called more than once.
 */
public final class QueryBuilder {

    /** Runs SQL with parameters; supplied by the client that created the builder. */
    @FunctionalInterface
    public interface Executor {
        List<Map<String, Object>> query(String sql, Object... params);
    }

    private final Executor executor;
    private final String table;
    private final List<String> columns = new ArrayList<>();
    private final List<String> conditions = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();
    private final List<String> orderBy = new ArrayList<>();
    private Long limit;
    private Long offset;

    public QueryBuilder(Executor executor, String table) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.table = Objects.requireNonNull(table, "table");
    }

    /** Columns or expressions to return; none means {@code *}. */
    public QueryBuilder select(String... columns) {
        this.columns.addAll(Arrays.asList(columns));
        return this;
    }

    /** Adds a condition (ANDed with earlier ones) and its parameters. */
    public QueryBuilder where(String condition, Object... params) {
        conditions.add(Objects.requireNonNull(condition, "condition"));
        this.params.addAll(Arrays.asList(params));
        return this;
    }

    /** Adds an ORDER BY term, e.g. {@code "score DESC"}. */
    public QueryBuilder orderBy(String term) {
        orderBy.add(Objects.requireNonNull(term, "term"));
        return this;
    }

    /** @throws IllegalArgumentException if {@code n < 0} */
    public QueryBuilder limit(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("limit must be >= 0, got " + n);
        }
        this.limit = n;
        return this;
    }

    /** @throws IllegalArgumentException if {@code n < 0} */
    public QueryBuilder offset(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("offset must be >= 0, got " + n);
        }
        this.offset = n;
        return this;
    }

    /** The SQL this builder runs. */
    public String toSql() {
        StringBuilder sql = new StringBuilder("SELECT ");
        sql.append(columns.isEmpty() ? "*" : String.join(", ", columns));
        sql.append(" FROM ").append(quoteIdentifier(table));
        if (!conditions.isEmpty()) {
            sql.append(" WHERE ");
            for (int i = 0; i < conditions.size(); i++) {
                sql.append(i == 0 ? "" : " AND ").append('(').append(conditions.get(i)).append(')');
            }
        }
        if (!orderBy.isEmpty()) {
            sql.append(" ORDER BY ").append(String.join(", ", orderBy));
        }
        if (limit != null) {
            sql.append(" LIMIT ").append(limit);
        }
        if (offset != null) {
            sql.append(" OFFSET ").append(offset);
        }
        return sql.toString();
    }

    /** The parameters in call order. */
    public List<Object> params() {
        return List.copyOf(params);
    }

    /** Runs the query; rows as maps in column order. */
    public List<Map<String, Object>> execute() {
        return executor.query(toSql(), params.toArray());
    }

    /** Quotes an SQL identifier, doubling embedded quotes. */
    public static String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
