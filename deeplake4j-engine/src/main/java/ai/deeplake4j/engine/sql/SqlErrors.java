package ai.deeplake4j.engine.sql;

import ai.deeplake4j.api.error.ManagedServiceException;
import ai.deeplake4j.api.error.QueryException;
import ai.deeplake4j.api.error.TableException;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Maps DuckDB errors to the deeplake4j exception hierarchy, keeping DuckDB's position marker. */
public final class SqlErrors {
    private static final String PENDING_WRAPPER = "pending query result\nError: ";
    private static final Pattern MISSING_TABLE = Pattern.compile("Table with name ([^ ]+) does not exist");

    private SqlErrors() {
    }

    public static ManagedServiceException map(SQLException e, String workspace) {
        String msg = e.getMessage() == null ? e.toString() : e.getMessage().strip();
        // Statement.execute wraps the real error: "...unsuccessful or closed pending query result\nError: <real>"
        int wrapped = msg.indexOf(PENDING_WRAPPER);
        if (wrapped >= 0) {
            msg = msg.substring(wrapped + PENDING_WRAPPER.length()).strip();
        }
        Matcher m = MISSING_TABLE.matcher(msg);
        if (msg.startsWith("Catalog Error") && m.find()) {
            return new TableException("Table not found: " + m.group(1) + " (workspace '" + workspace
                    + "'). Create it with ingest or CREATE TABLE, or check the name with listTables().", e);
        }
        if (msg.startsWith("Parser Error")) {
            return new QueryException("SQL syntax error: " + msg.substring("Parser Error:".length()).strip(), e);
        }
        return new QueryException(msg, e);
    }
}
