package ai.deeplake4j.cli;

import ai.deeplake4j.api.ClientConfig;
import ai.deeplake4j.api.Names;
import ai.deeplake4j.server.auth.ServerSecret;
import ai.deeplake4j.server.auth.TokenMinter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code deeplake4j token}: tokens for a server's secret. */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Manage API tokens.",
        subcommands = TokenCommand.Create.class)
final class TokenCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** {@code deeplake4j token create --org ORG [--expires DURATION]}: prints an HS256 token. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Print a token for the lake's server secret ($DEEPLAKE4J_SERVER_SECRET, else <lake>/service/secret).")
    static final class Create implements Callable<Integer> {
        @Option(names = "--org", required = true, paramLabel = "ORG", description = "Organization the token grants.")
        String org;

        @Option(names = "--expires", paramLabel = "DURATION", description = "Lifetime: 30d, 12h, 90m, 3600s or ISO-8601 (PT1H); default never.")
        String expires;

        @Option(names = "--subject", paramLabel = "NAME", description = "The token's subject (default: the org).")
        String subject;

        @Option(names = "--lake", paramLabel = "DIR", description = "Lake directory of the server (default: $DEEPLAKE4J_HOME, else ~/.deeplake4j).")
        Path lake;

        @Override
        public Integer call() {
            Names.org(org); // the server refuses a token whose org breaks the rule: refuse to mint it
            Path dir = lake != null ? lake : ClientConfig.fromEnvironment().lake();
            System.out.println(new TokenMinter(ServerSecret.loadOrCreate(dir)).mint(org, subject, expires == null ? null : Durations.parse(expires, "--expires")));
            return 0;
        }
    }
}
