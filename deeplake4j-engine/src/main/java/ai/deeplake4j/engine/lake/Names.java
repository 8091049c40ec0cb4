package ai.deeplake4j.engine.lake;

import ai.deeplake4j.api.error.TableException;
import ai.deeplake4j.api.error.WorkspaceException;
import java.util.regex.Pattern;

/**
 * Validates table, workspace and org names: they become directory names and SQL identifiers, so
 * only {@code [A-Za-z_][A-Za-z0-9_]*} (tables, at most 63 chars) and {@code [A-Za-z0-9_-]+}
 * (workspaces and orgs, at most 64 chars) are allowed: no path traversal, no quoting tricks.
 */
public final class Names {
    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Pattern SPACE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]{0,63}");

    private Names() {
    }

    /** @throws TableException naming the rule */
    public static String table(String name) {
        if (name == null || !TABLE.matcher(name).matches()) {
            throw new TableException("Invalid table name: '" + name + "'. Use letters, digits and '_', starting with a letter or '_', at most 63 characters.");
        }
        return name;
    }

    /** @throws WorkspaceException naming the rule */
    public static String space(String kind, String name) {
        if (name == null || !SPACE.matcher(name).matches()) {
            throw new WorkspaceException("Invalid " + kind + " name: '" + name + "'. Use letters, digits, '_' and '-', at most 64 characters.");
        }
        return name;
    }
}
