package ai.deeplake4j.conformance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Compares deeplake4j's outcome of a statement with PostgreSQL's: success or failure, the
 * SQLSTATE class of a failure, changed-row counts, and for rows the column names, the type
 * family of each column and the values (in order where the statement orders them, as multisets
 * otherwise). PostgreSQL's answer is the reference.
 */
final class Comparison {

    private Comparison() {
    }

    /** Why the outcomes differ, or null when they match. */
    static String difference(Outcome pg, Outcome ours, boolean ordered) {
        if (pg instanceof Outcome.Failure pf) {
            return switch (ours) {
                case Outcome.Failure of when Objects.equals(of.sqlStateClass(), pf.sqlStateClass()) -> null;
                case Outcome.Failure of when of.sqlState() == null ->
                        "no SQLSTATE; PostgreSQL " + pf.sqlState() + ": " + line(pf.message()) + " / ours: " + line(of.message());
                case Outcome.Failure of -> "SQLSTATE " + of.sqlState() + ", PostgreSQL " + pf.sqlState() + ": " + line(pf.message());
                default -> "accepted (" + brief(ours) + "); PostgreSQL refused it with " + pf.sqlState() + ": " + line(pf.message());
            };
        }
        if (ours instanceof Outcome.Failure of) {
            return "refused: " + line(of.message()) + "; PostgreSQL answered " + brief(pg);
        }
        return switch (pg) {
            case Outcome.Ok ok -> ours instanceof Outcome.Ok || ours instanceof Outcome.Rows r && r.rows().isEmpty()
                    ? null : "answered " + brief(ours) + "; PostgreSQL: " + brief(pg);
            case Outcome.Count c -> ours instanceof Outcome.Count oc && oc.rows() == c.rows()
                    ? null : "answered " + brief(ours) + "; PostgreSQL: " + brief(pg);
            case Outcome.Rows r -> ours instanceof Outcome.Rows or ? rows(r, or, ordered) : "answered " + brief(ours) + "; PostgreSQL: " + brief(pg);
            case Outcome.Failure f -> throw new AssertionError("handled above");
        };
    }

    private static String rows(Outcome.Rows pg, Outcome.Rows ours, boolean ordered) {
        if (!ours.columns().isEmpty() && !ours.columns().equals(pg.columns())) {
            return "columns " + ours.columns() + "; PostgreSQL " + pg.columns();
        }
        if (ours.rows().size() != pg.rows().size()) {
            return ours.rows().size() + " rows; PostgreSQL " + pg.rows().size() + sample(pg, ours);
        }
        List<List<String>> a = pg.rows();
        List<List<String>> b = ours.rows();
        if (!ordered) {
            a = sorted(a);
            b = sorted(b);
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).equals(b.get(i))) {
                return "row " + (i + 1) + " is " + b.get(i) + "; PostgreSQL " + a.get(i);
            }
        }
        for (int i = 0; i < Math.min(pg.families().size(), ours.families().size()); i++) {
            String pf = pg.families().get(i);
            String of = ours.families().get(i);
            if (pf != null && of != null && !pf.equals(of)) {
                return "column " + pg.columns().get(i) + " is " + of + "; PostgreSQL " + pf;
            }
        }
        return null;
    }

    private static List<List<String>> sorted(List<List<String>> rows) {
        List<List<String>> out = new ArrayList<>(rows);
        out.sort(Comparator.comparing(Object::toString));
        return out;
    }

    private static String sample(Outcome.Rows pg, Outcome.Rows ours) {
        return " (first: " + (ours.rows().isEmpty() ? "none" : ours.rows().getFirst()) + "; PostgreSQL "
                + (pg.rows().isEmpty() ? "none" : pg.rows().getFirst()) + ")";
    }

    static String brief(Outcome o) {
        return switch (o) {
            case Outcome.Ok ok -> "OK";
            case Outcome.Count c -> c.rows() + " rows changed";
            case Outcome.Rows r -> r.rows().size() + " rows " + r.columns() + (r.rows().isEmpty() ? "" : " first " + r.rows().getFirst());
            case Outcome.Failure f -> "error " + f.sqlState() + ": " + line(f.message());
        };
    }

    private static String line(String message) {
        if (message == null) {
            return "";
        }
        String one = message.replaceAll("\\s+", " ").strip();
        return one.length() > 160 ? one.substring(0, 160) + "..." : one;
    }
}
