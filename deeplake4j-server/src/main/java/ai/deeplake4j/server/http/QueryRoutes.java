package ai.deeplake4j.server.http;

import ai.deeplake4j.api.error.QueryCancelledException;
import ai.deeplake4j.api.error.QueryTimeoutException;
import ai.deeplake4j.server.lake.Lake;
import ai.deeplake4j.server.sql.SqlGuard;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code POST /workspaces/{ws}/tables/query} ({@code {"query", "params", "timeout_ms"}} →
 * {@code {"columns", "rows", "row_count"}}) and {@code .../query/batch}
 * ({@code {"query", "params_batch"}} → {@code {"row_count"}}, the rows the statements changed).
 * Every statement passes the {@link SqlGuard} first and runs with a timeout (default 60 s) that
 * cancels it in DuckDB and answers 408.
 */
public final class QueryRoutes {

    private final Lake lake;
    private final java.util.concurrent.Semaphore permits;
    private final long maxBodyBytes;
    private final Duration defaultTimeout;
    private final Duration maxTimeout;

    /**
     * @param queryThreads statements that may run at once; more wait for a permit (within their timeout)
     */
    public QueryRoutes(Lake lake, int queryThreads, long maxBodyBytes, Duration defaultTimeout, Duration maxTimeout) {
        this.lake = lake;
        this.permits = new java.util.concurrent.Semaphore(queryThreads, true);
        this.maxBodyBytes = maxBodyBytes;
        this.defaultTimeout = defaultTimeout;
        this.maxTimeout = maxTimeout;
    }

    /** Runs one statement. */
    public void query(Context ctx) {
        Scope scope = Scope.of(ctx, lake);
        JsonNode body = Json.body(ctx, maxBodyBytes);
        String sql = Json.text(body, "query", "\"query\" is required: the SQL statement to run.");
        guard(scope).check(sql);
        Object[] params = params(body.get("params"), "params");
        Duration timeout = timeout(body.get("timeout_ms"));
        List<Map<String, Object>> rows = run(deadline -> scope.lake().client().query(sql, deadline.left(), params), timeout, sql);
        Json.respond(ctx, 200, table(rows));
    }

    /** Runs one statement once per parameter list. */
    public void batch(Context ctx) {
        Scope scope = Scope.of(ctx, lake);
        JsonNode body = Json.body(ctx, maxBodyBytes);
        String sql = Json.text(body, "query", "\"query\" is required: the SQL statement to run for each parameter list.");
        guard(scope).check(sql);
        JsonNode batch = body.get("params_batch");
        if (batch == null || !batch.isArray()) {
            throw ApiError.badRequest("missing_field", "\"params_batch\" is required: a list of parameter lists.");
        }
        Duration timeout = timeout(body.get("timeout_ms"));
        List<Object[]> all = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            all.add(params(batch.get(i), "params_batch[" + i + "]"));
        }
        long changed = run(deadline -> {
            long n = 0;
            for (Object[] params : all) {
                n += count(scope.lake().client().query(sql, deadline.left(), params));
            }
            return n;
        }, timeout, sql);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("row_count", changed);
        out.put("statements", all.size());
        Json.respond(ctx, 200, out);
    }

    private SqlGuard guard(Scope scope) {
        String own = scope.caller().org();
        return new SqlGuard(() -> {
            Set<String> others = new HashSet<>(lake.organizations());
            others.remove(own);
            return others;
        });
    }

    private static long count(List<Map<String, Object>> result) {
        if (result.size() == 1 && result.get(0).get("count") instanceof Number n) {
            return n.longValue();
        }
        return 0;
    }

    /** Work that runs statements, each within what is left of the request's timeout. */
    @FunctionalInterface
    private interface Work<T> {
        T run(Deadline deadline);
    }

    /** What is left of one request's timeout. */
    private record Deadline(long nanos, Duration timeout, String sql) {
        /** @throws ApiError 408 when nothing is left */
        Duration left() {
            long left = nanos - System.nanoTime();
            if (left <= 0) {
                throw timedOut(timeout, sql);
            }
            return Duration.ofNanos(left);
        }
    }

    /**
     * Runs {@code work} on the request's own thread (no hand-off: most statements take a few
     * milliseconds) once one of the {@code queryThreads} permits is free, and answers 408 when it
     * outlasts {@code timeout}: each statement gets what is left of it as its engine timeout, and
     * the engine cancels the DuckDB statements at the deadline (interrupting the Java thread would
     * not stop them), so the permit and the cores are free again within about 0.1 s of it.
     */
    private <T> T run(Work<T> work, Duration timeout, String sql) {
        Deadline deadline = new Deadline(System.nanoTime() + timeout.toNanos(), timeout, sql);
        try {
            if (!permits.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw timedOut(timeout, sql);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw shuttingDown();
        }
        try {
            return work.run(deadline);
        } catch (QueryTimeoutException e) {
            throw timedOut(timeout, sql);
        } catch (QueryCancelledException e) {
            throw shuttingDown(); // the only other canceller: the drain timeout of a shutdown
        } finally {
            permits.release();
        }
    }

    private static ApiError shuttingDown() {
        return new ApiError(503, "shutting_down", "The server is shutting down and cancelled the query; nothing it had not"
                + " committed was kept. Retry on another instance or later.");
    }

    private static ApiError timedOut(Duration timeout, String sql) {
        return new ApiError(408, "query_timeout", "Query timed out after " + timeout.toMillis()
                + " ms and was cancelled. Raise timeout_ms or narrow the query: " + shorten(sql));
    }

    private Duration timeout(JsonNode node) {
        if (node == null || node.isNull()) {
            return defaultTimeout;
        }
        if (!node.canConvertToLong() || node.asLong() <= 0) {
            throw ApiError.badRequest("invalid_timeout", "\"timeout_ms\" must be a positive number of milliseconds, got " + node);
        }
        Duration d = Duration.ofMillis(node.asLong());
        return d.compareTo(maxTimeout) > 0 ? maxTimeout : d;
    }

    private static Object[] params(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return new Object[0];
        }
        if (!node.isArray()) {
            throw ApiError.badRequest("invalid_params", "\"" + field + "\" must be a JSON array of values for $1, $2, ...");
        }
        Object[] params = new Object[node.size()];
        for (int i = 0; i < params.length; i++) {
            params[i] = Json.plain(node.get(i));
        }
        return params;
    }

    /** The wire form of a result: column names of the first row, rows as arrays. */
    static Map<String, Object> table(List<Map<String, Object>> rows) {
        List<String> columns = rows.isEmpty() ? List.of() : new ArrayList<>(rows.get(0).keySet());
        List<Object[]> values = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            Object[] r = new Object[columns.size()];
            int i = 0;
            for (Object v : row.values()) {
                r[i++] = Json.wire(v);
            }
            values.add(r);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("columns", columns);
        out.put("rows", values);
        out.put("row_count", rows.size());
        return out;
    }

    private static String shorten(String sql) {
        return sql.length() > 120 ? sql.substring(0, 120) + "..." : sql;
    }
}
