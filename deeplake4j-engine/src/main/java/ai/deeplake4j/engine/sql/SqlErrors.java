package ai.deeplake4j.engine.sql;

import ai.deeplake4j.api.error.InternalException;
import ai.deeplake4j.api.error.ManagedServiceException;
import ai.deeplake4j.api.error.QueryException;
import ai.deeplake4j.api.error.TableException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps DuckDB errors to the deeplake4j exception hierarchy, once, at the engine's boundary.
 * DuckDB messages begin with their error type ({@code "Conversion Error: "}, {@code "Binder
 * Error: "}, ...): {@code INTERNAL} and {@code FATAL} errors, and I/O errors on the lake's own files
 * (a data file deleted or damaged on disk), are the engine's failures and become
 * {@link InternalException}; every other type is the statement's fault and becomes a
 * {@link QueryException} (an unknown table a {@link TableException}), keeping DuckDB's position
 * marker. Messages name tables, not files: paths inside the workspace's directory are cut to
 * {@code <table>/data/<file>}, and DuckDB's excerpt of SQL the engine generated (which spells out
 * data file paths and staging tables) is dropped.
 */
public final class SqlErrors {
    private static final String PENDING_WRAPPER = "pending query result\nError: ";
    private static final Pattern MISSING_TABLE = Pattern.compile("Table with name ([^ ]+) does not exist");
    private static final Pattern STAGING_TABLE = Pattern.compile("dl_staging\\.w\\d+_\\d+");
    private static final List<String> INTERNAL_TYPES = List.of("INTERNAL Error", "FATAL Error");
    private static final String EXCERPT = "\n\nLINE ";

    private SqlErrors() {
    }

    /** Maps the error of a statement the user wrote (DuckDB's excerpt then shows the user's own text). */
    public static ManagedServiceException map(SQLException e, QueryEngine engine) {
        return map(e, engine, null);
    }

    /**
     * Maps the error of SQL the engine generated to carry out a statement on {@code table} (a
     * rewritten UPDATE or DELETE, staged INSERT rows, a dataset read): the message names the table
     * and leaves out DuckDB's excerpt of the generated text.
     */
    public static ManagedServiceException mapGenerated(SQLException e, QueryEngine engine, String table) {
        return map(e, engine, table);
    }

    private static ManagedServiceException map(SQLException e, QueryEngine engine, String generatedFor) {
        String raw = unwrap(e);
        Path lakeRoot = engine.lake().root();
        Path workspaceDir = engine.lake().workspaceDir(engine.namespace());
        if (INTERNAL_TYPES.stream().anyMatch(raw::startsWith) || (raw.startsWith("IO Error") && mentions(raw, lakeRoot))) {
            String table = generatedFor != null ? generatedFor : tableOf(raw, workspaceDir);
            return new InternalException((table == null ? "A statement in workspace '" + engine.workspace() + "'"
                    : "Reading or writing table '" + table + "'") + " failed inside the engine: " + raw
                    + ". This is not a problem of the statement; the server's operator should check the table's files.", e);
        }
        String msg = relative(raw, workspaceDir, lakeRoot);
        if (generatedFor != null) {
            int excerpt = msg.indexOf(EXCERPT);
            msg = STAGING_TABLE.matcher(excerpt >= 0 ? msg.substring(0, excerpt) : msg).replaceAll(generatedFor)
                    + " (table " + generatedFor + ")";
        }
        Matcher m = MISSING_TABLE.matcher(msg);
        if (msg.startsWith("Catalog Error") && m.find()) {
            return new TableException("Table not found: " + m.group(1) + " (workspace '" + engine.workspace()
                    + "'). Create it with ingest or CREATE TABLE, or check the name with listTables().", e);
        }
        if (msg.startsWith("Parser Error")) {
            return new QueryException("SQL syntax error: " + msg.substring("Parser Error:".length()).strip(), e);
        }
        return new QueryException(msg, e);
    }

    private static String unwrap(SQLException e) {
        String msg = e.getMessage() == null ? e.toString() : e.getMessage().strip();
        // Statement.execute wraps the real error: "...unsuccessful or closed pending query result\nError: <real>"
        int wrapped = msg.indexOf(PENDING_WRAPPER);
        return wrapped >= 0 ? msg.substring(wrapped + PENDING_WRAPPER.length()).strip() : msg;
    }

    private static boolean mentions(String msg, Path dir) {
        return msg.contains(dir.toString());
    }

    /** The table whose directory a message names ({@code <workspace dir>/<table>/...}), or null. */
    private static String tableOf(String msg, Path workspaceDir) {
        String prefix = workspaceDir + java.io.File.separator;
        int at = msg.indexOf(prefix);
        if (at < 0) {
            return null;
        }
        int start = at + prefix.length();
        int end = start;
        while (end < msg.length() && msg.charAt(end) != java.io.File.separatorChar && msg.charAt(end) != '"'
                && msg.charAt(end) != '\'' && !Character.isWhitespace(msg.charAt(end))) {
            end++;
        }
        return end > start ? msg.substring(start, end) : null;
    }

    /**
     * {@code msg} with paths of the workspace's files made relative to the workspace ({@code
     * <table>/data/<file>}: the table is named, the server's directories are not) and any other
     * path inside the lake shown from the lake's root.
     */
    static String relative(String msg, Path workspaceDir, Path lakeRoot) {
        String out = msg.replace("file://" + workspaceDir + java.io.File.separator, "")
                .replace(workspaceDir + java.io.File.separator, "");
        return out.replace("file://" + lakeRoot + java.io.File.separator, "<lake>/")
                .replace(lakeRoot + java.io.File.separator, "<lake>/");
    }
}
