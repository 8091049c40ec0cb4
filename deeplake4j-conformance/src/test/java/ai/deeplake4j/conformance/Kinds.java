package ai.deeplake4j.conformance;

import java.util.Locale;
import java.util.regex.Pattern;

/** The statement kind, read from its first keyword, to know how each system reports it. */
final class Kinds {

    private static final Pattern RETURNING = Pattern.compile("(?is).*\\breturning\\b.*");

    private Kinds() {
    }

    static String first(String sql) {
        String s = sql.stripLeading();
        int end = 0;
        while (end < s.length() && Character.isLetter(s.charAt(end))) {
            end++;
        }
        return s.substring(0, end).toUpperCase(Locale.ROOT);
    }

    static boolean isRowChange(String sql) {
        return switch (first(sql)) {
            case "INSERT", "UPDATE", "DELETE" -> true;
            default -> false;
        };
    }

    static boolean hasReturning(String sql) {
        return RETURNING.matcher(sql).matches();
    }

    static boolean returnsRows(String sql) {
        return switch (first(sql)) {
            case "SELECT", "WITH", "VALUES", "TABLE", "SHOW", "EXPLAIN" -> true;
            default -> hasReturning(sql);
        };
    }
}
