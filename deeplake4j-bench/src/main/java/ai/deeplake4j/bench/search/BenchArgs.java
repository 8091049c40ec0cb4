package ai.deeplake4j.bench.search;

/** {@code name=value} command-line arguments of the search benchmarks. */
final class BenchArgs {
    private BenchArgs() {
    }

    /** The value of {@code name=...}, or null when absent. */
    static String string(String[] args, String name) {
        for (String a : args) {
            if (a.startsWith(name + "=")) {
                return a.substring(name.length() + 1);
            }
        }
        return null;
    }

    /** The whole number of {@code name=...} ({@code _} separators allowed), or {@code dflt}. */
    static int integer(String[] args, String name, int dflt) {
        String v = string(args, name);
        return v == null ? dflt : Integer.parseInt(v.replace("_", ""));
    }
}
