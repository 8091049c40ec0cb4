package ai.deeplake4j.formats.lerobot;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Python-style path templates of LeRobot's {@code meta/info.json}, e.g.
 * {@code data/chunk-{episode_chunk:03d}/episode_{episode_index:06d}.parquet}: {@code {name}} and
 * {@code {name:0Nd}} (zero-padded to N digits) are supported.
 */
final class PathTemplate {
    private static final Pattern FIELD = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)(?::0?(\\d+)d)?}");

    private PathTemplate() {
    }

    /** @throws IllegalArgumentException when the template names a value not given */
    static String format(String template, Map<String, ?> values) {
        Matcher m = FIELD.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object v = values.get(m.group(1));
            if (v == null) {
                throw new IllegalArgumentException("path template " + template + " needs '" + m.group(1) + "'");
            }
            String s = m.group(2) != null ? String.format("%0" + m.group(2) + "d", ((Number) v).longValue()) : v.toString();
            m.appendReplacement(out, Matcher.quoteReplacement(s));
        }
        m.appendTail(out);
        return out.toString();
    }
}
