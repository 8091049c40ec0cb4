package ai.deeplake4j.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes as the CLI takes them: a number of bytes, or a number with a unit: {@code KiB}, {@code MiB},
 * {@code GiB}, {@code TiB} (powers of 1024) or {@code KB}, {@code MB}, {@code GB}, {@code TB}
 * (powers of 1000), case-insensitive, as DuckDB spells them.
 */
final class Sizes {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]i?b|b)?");

    private Sizes() {
    }

    /**
     * @param option the option's name, for the error message
     * @return the size in bytes, rounded down
     * @throws IllegalArgumentException naming the option and the accepted forms
     */
    static long parse(String text, String option) {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("Invalid " + option + " '" + text + "': use 512MiB, 2GiB, 1GB or a number of bytes.");
        }
        String unit = m.group(2) == null ? "b" : m.group(2);
        double base = unit.contains("i") ? 1024 : 1000;
        int power = "bkmgt".indexOf(unit.charAt(0));
        double bytes = Double.parseDouble(m.group(1)) * Math.pow(base, power);
        if (bytes >= Long.MAX_VALUE) {
            throw new IllegalArgumentException("Invalid " + option + " '" + text + "': too large.");
        }
        return (long) bytes;
    }
}
