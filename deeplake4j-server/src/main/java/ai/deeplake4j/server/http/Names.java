package ai.deeplake4j.server.http;

import java.util.regex.Pattern;

/**
 * Validates the names a request uses as directories of the lake
 * ({@code warehouse/<org>/<workspace>/<table>}): no separators, dots or traversal, at most
 * {@value #MAX_LENGTH} characters. Tables follow the SQL identifier rule of the client API.
 */
public final class Names {

    /** Longest accepted name, as PostgreSQL's identifier limit. */
    public static final int MAX_LENGTH = 63;
    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Pattern SPACE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");

    private Names() {
    }

    /** @throws ApiError 400 naming the table and the rule */
    public static String table(String name) {
        if (name == null || !TABLE.matcher(name).matches()) {
            throw ApiError.badRequest("invalid_table_name", "Invalid table name: '" + shorten(name)
                    + "'. Use letters, digits and _, starting with a letter or _, at most " + MAX_LENGTH + " characters.");
        }
        return name;
    }

    /** @throws ApiError 400 naming the workspace and the rule */
    public static String workspace(String name) {
        if (name == null || !SPACE.matcher(name).matches()) {
            throw ApiError.badRequest("invalid_workspace_name", "Invalid workspace name: '" + shorten(name)
                    + "'. Use letters, digits, _ and -, starting with a letter or digit, at most " + MAX_LENGTH + " characters.");
        }
        return name;
    }

    /** True when an organization id from a token is safe to use as a directory name. */
    public static boolean isValidOrg(String org) {
        return org != null && SPACE.matcher(org).matches();
    }

    private static String shorten(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
