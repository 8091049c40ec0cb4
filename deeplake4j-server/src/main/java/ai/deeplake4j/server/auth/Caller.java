package ai.deeplake4j.server.auth;

import java.util.List;

/**
 * Who made a request, as a verified token says.
 *
 * @param subject the token's {@code sub}, or {@code "anonymous"}
 * @param orgs    the organizations the token grants, first is the default; never empty
 * @param org     the organization this request acts for (one of {@code orgs})
 */
public record Caller(String subject, List<String> orgs, String org) {
    public Caller {
        orgs = List.copyOf(orgs);
    }
}
