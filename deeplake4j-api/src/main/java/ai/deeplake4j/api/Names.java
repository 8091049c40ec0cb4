package ai.deeplake4j.api;

import ai.deeplake4j.api.error.ManagedServiceException;
import ai.deeplake4j.api.error.TableException;
import ai.deeplake4j.api.error.WorkspaceException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one set of name rules (ARCHITECTURE D10) for organizations, workspaces, tables, columns and
 * indexes, shared by the embedded client, the server, the remote client and the CLI so a name is
 * refused the same way wherever it enters. Names are never used as paths; these rules are the
 * first line, the engine's path confinement the second.
 *
 * <ul>
 *   <li>org, workspace: {@code [A-Za-z0-9][A-Za-z0-9_-]*}, at most {@value #MAX_LENGTH} characters;</li>
 *   <li>table: an SQL identifier, {@code [A-Za-z_][A-Za-z0-9_]*}, at most {@value #MAX_LENGTH};</li>
 *   <li>column: looser, because columns come from user data, Hugging Face and LeRobot features
 *       (e.g. {@code observation.state}) and CSV headers: 1 to {@value #MAX_LENGTH} characters, any
 *       but control characters, {@code /} and {@code \}; not {@code .} or {@code ..} nor containing
 *       {@code ..}; and not {@code _id} in any case (the hidden row id, ARCHITECTURE D4);</li>
 *   <li>index (as in {@code CREATE INDEX name}): the column rule without the {@code _id} reservation.</li>
 * </ul>
 * {@value #MAX_LENGTH} is PostgreSQL's identifier limit. Each check returns the name unchanged or
 * throws an {@link InvalidName}: a {@link TableException} for tables, columns and indexes, a
 * {@link WorkspaceException} for workspaces and orgs, naming the kind, the (shortened, escaped)
 * value and the rule.
 */
public final class Names {

    /** Longest accepted name, in characters: PostgreSQL's identifier limit. */
    public static final int MAX_LENGTH = 63;

    /** Longest part of a refused name that a message repeats. */
    private static final int SHOWN = 60;

    private static final Pattern SPACE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0," + (MAX_LENGTH - 1) + "}");
    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0," + (MAX_LENGTH - 1) + "}");
    private static final String ROW_ID = "_id";

    /** What a name names; each kind has its rule, its exception and its error code. */
    public enum Kind {
        ORG("org", "Use letters, digits, '_' and '-', starting with a letter or digit, at most " + MAX_LENGTH + " characters."),
        WORKSPACE("workspace", ORG.rule),
        TABLE("table", "Use letters, digits and '_', starting with a letter or '_', at most " + MAX_LENGTH + " characters."),
        COLUMN("column", "Use 1 to " + MAX_LENGTH + " characters without '/', '\\', '..' or control characters; "
                + "'_id' is reserved for the hidden row id."),
        INDEX("index", "Use 1 to " + MAX_LENGTH + " characters without '/', '\\', '..' or control characters.");

        private final String label;
        private final String rule;

        Kind(String label, String rule) {
            this.label = label;
            this.rule = rule;
        }

        /** The kind as a word in messages: {@code org}, {@code workspace}, {@code table}, {@code column}, {@code index}. */
        public String label() {
            return label;
        }

        /** The rule, as a sentence telling what to use. */
        public String rule() {
            return rule;
        }

        /** The server's error code for a name of this kind that breaks its rule, e.g. {@code invalid_table_name}. */
        public String code() {
            return "invalid_" + label + "_name";
        }

        /**
         * The exception for {@code name} of this kind, with a reason (what is wrong) before the rule.
         *
         * @param reason what is wrong with the name, a sentence, or null to give the rule only
         */
        public ManagedServiceException invalid(String name, String reason) {
            String message = "Invalid " + label + " name: '" + show(name) + "'. " + (reason == null ? "" : reason + " ") + rule;
            return this == ORG || this == WORKSPACE ? new InvalidWorkspaceName(this, message) : new InvalidTableName(this, message);
        }
    }

    /** An exception raised for a name that breaks its rule; tells which kind of name it was. */
    public sealed interface InvalidName permits InvalidTableName, InvalidWorkspaceName {
        /** The kind of the refused name. */
        Kind kind();
    }

    /** A table, column or index name that breaks its rule. */
    public static final class InvalidTableName extends TableException implements InvalidName {
        private final Kind kind;

        InvalidTableName(Kind kind, String message) {
            super(message);
            this.kind = kind;
        }

        @Override
        public Kind kind() {
            return kind;
        }
    }

    /** A workspace or org name that breaks its rule. */
    public static final class InvalidWorkspaceName extends WorkspaceException implements InvalidName {
        private final Kind kind;

        InvalidWorkspaceName(Kind kind, String message) {
            super(message);
            this.kind = kind;
        }

        @Override
        public Kind kind() {
            return kind;
        }
    }

    private Names() {
    }

    /** @return {@code name}; @throws WorkspaceException (an {@link InvalidName}) naming the org and the rule */
    public static String org(String name) {
        return matching(Kind.ORG, SPACE, name);
    }

    /** @return {@code name}; @throws WorkspaceException (an {@link InvalidName}) naming the workspace and the rule */
    public static String workspace(String name) {
        return matching(Kind.WORKSPACE, SPACE, name);
    }

    /** @return {@code name}; @throws TableException (an {@link InvalidName}) naming the table and the rule */
    public static String table(String name) {
        return matching(Kind.TABLE, TABLE, name);
    }

    /** @return {@code name}; @throws TableException (an {@link InvalidName}) naming the column and the rule */
    public static String column(String name) {
        free(Kind.COLUMN, name);
        if (name.toLowerCase(Locale.ROOT).equals(ROW_ID)) {
            throw Kind.COLUMN.invalid(name, "'_id' is the hidden row id column every table has; rename your column (e.g. 'id').");
        }
        return name;
    }

    /** @return {@code name}; @throws TableException (an {@link InvalidName}) naming the index and the rule */
    public static String index(String name) {
        return free(Kind.INDEX, name);
    }

    /** True when {@code name} follows the rule of {@code kind}. */
    public static boolean isValid(Kind kind, String name) {
        try {
            switch (kind) {
                case ORG -> org(name);
                case WORKSPACE -> workspace(name);
                case TABLE -> table(name);
                case COLUMN -> column(name);
                case INDEX -> index(name);
            }
            return true;
        } catch (ManagedServiceException e) {
            return false;
        }
    }

    /**
     * {@code name} for a message (unquoted): control characters as {@code \\uXXXX}, cut to
     * {@value #SHOWN} characters with the full length said, so a hostile name cannot flood a log
     * or break a line.
     */
    public static String show(String name) {
        if (name == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        int end = Math.min(name.length(), SHOWN);
        for (int i = 0; i < end; i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (name.length() > SHOWN) {
            sb.append("... (").append(name.length()).append(" characters)");
        }
        return sb.toString();
    }

    private static String matching(Kind kind, Pattern rule, String name) {
        if (name == null || name.isEmpty()) {
            throw kind.invalid(name, "The name is empty.");
        }
        if (name.length() > MAX_LENGTH) {
            throw kind.invalid(name, "It is longer than " + MAX_LENGTH + " characters.");
        }
        if (!rule.matcher(name).matches()) {
            throw kind.invalid(name, null);
        }
        return name;
    }

    /** The rule of columns and indexes: anything a file name could not be tricked with. */
    private static String free(Kind kind, String name) {
        if (name == null || name.isEmpty()) {
            throw kind.invalid(name, "The name is empty.");
        }
        if (name.length() > MAX_LENGTH) {
            throw kind.invalid(name, "It is longer than " + MAX_LENGTH + " characters.");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c)) {
                throw kind.invalid(name, "It contains a control character (" + String.format("\\u%04x", (int) c) + ").");
            }
            if (c == '/' || c == '\\') {
                throw kind.invalid(name, "It contains '" + c + "'.");
            }
        }
        if (name.contains("..") || name.equals(".")) {
            throw kind.invalid(name, "It is or contains a path step ('.' or '..').");
        }
        return name;
    }
}
