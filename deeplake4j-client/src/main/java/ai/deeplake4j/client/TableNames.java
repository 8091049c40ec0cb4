package ai.deeplake4j.client;

import ai.deeplake4j.api.error.TableException;
import java.util.regex.Pattern;

/**
 * The table-name rule of the {@code Client} contract ({@code [A-Za-z_][A-Za-z0-9_]*}, at most 63
 * characters), checked before a name goes into a URL so a bad name fails the same way as with
 * the embedded client, even when an HTTP layer would refuse the URL first.
 */
public final class TableNames {

    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private TableNames() {
    }

    /** @throws TableException naming the table and the rule */
    public static String check(String name) {
        if (name == null || !TABLE.matcher(name).matches()) {
            throw new TableException("Invalid table name: '" + name + "'. Use letters, digits and '_', starting with a letter or '_', at most 63 characters.");
        }
        return name;
    }
}
