package ai.deeplake4j.conformance;

import ai.deeplake4j.api.Client;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Runs statements on deeplake4j through the public {@link Client#query} a user calls, and reads
 * its answer as an {@link Outcome}: a row change is its {@code count} row, other statements
 * without rows are plain success.
 */
final class DeeplakeSide {

    private final Client client;

    DeeplakeSide(Client client) {
        this.client = client;
    }

    Outcome run(String sql) {
        List<Map<String, Object>> result;
        try {
            result = client.query(sql);
        } catch (RuntimeException e) {
            return new Outcome.Failure(sqlState(e), e.getMessage());
        }
        if (Kinds.isRowChange(sql) && !Kinds.hasReturning(sql)) {
            if (result.size() == 1 && result.getFirst().get("count") instanceof Number n) {
                return new Outcome.Count(n.longValue());
            }
        } else if (result.isEmpty() && !Kinds.returnsRows(sql)) {
            return new Outcome.Ok();
        }
        List<String> columns = result.isEmpty() ? List.of() : new ArrayList<>(result.getFirst().keySet());
        String[] families = new String[columns.size()];
        List<List<String>> rows = new ArrayList<>(result.size());
        for (Map<String, Object> r : result) {
            List<String> row = new ArrayList<>(columns.size());
            int i = 0;
            for (Object v : r.values()) {
                if (i < families.length && families[i] == null) {
                    families[i] = Canonical.family(v);
                }
                row.add(Canonical.value(v));
                i++;
            }
            rows.add(row);
        }
        return new Outcome.Rows(columns, rows, Arrays.asList(families));
    }

    /**
     * The SQLSTATE deeplake4j attached to an error, read from a {@code sqlState()} accessor on
     * the exception or a cause (the statement pipeline adds one), or null when it has none.
     */
    static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            try {
                Method m = t.getClass().getMethod("sqlState");
                Object s = m.invoke(t);
                if (s instanceof String str && !str.isBlank()) {
                    return str;
                }
            } catch (ReflectiveOperationException ignored) {
                // no accessor on this one: look at its cause
            }
        }
        return null;
    }
}
