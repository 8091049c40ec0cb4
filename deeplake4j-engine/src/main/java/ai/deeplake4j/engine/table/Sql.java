package ai.deeplake4j.engine.table;

/** Quoting of SQL identifiers and string literals for the SQL the engine generates. */
public final class Sql {
    private Sql() {
    }

    public static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    public static String literal(String value) {
        return '\'' + value.replace("'", "''") + '\'';
    }
}
