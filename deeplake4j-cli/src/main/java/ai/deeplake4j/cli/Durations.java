package ai.deeplake4j.cli;

import java.time.Duration;
import java.util.Locale;

/** Durations as the CLI takes them: {@code 30d}, {@code 12h}, {@code 90m}, {@code 45s} or ISO-8601 ({@code PT1H}). */
final class Durations {
    private Durations() {
    }

    /**
     * @param option the option's name, for the error message
     * @throws IllegalArgumentException naming the option and the accepted forms
     */
    static Duration parse(String text, String option) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 'd' -> Duration.ofDays(n);
                case 'h' -> Duration.ofHours(n);
                case 'm' -> Duration.ofMinutes(n);
                case 's' -> Duration.ofSeconds(n);
                default -> throw new IllegalArgumentException();
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Invalid " + option + " '" + text + "': use 30d, 12h, 90m, 3600s or PT1H.");
        }
    }
}
