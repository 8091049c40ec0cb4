package ai.deeplake4j.cli;

import ai.deeplake4j.api.Client;
import ai.deeplake4j.api.ClientConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Options every command takes: the embedded lake, or a server with {@code --url} and
 * {@code --token} (default {@code DEEPLAKE_API_URL} and {@code DEEPLAKE_API_KEY}).
 */
final class LakeOptions {
    @Option(names = "--url", paramLabel = "URL", description = "Server URL (default: $DEEPLAKE_API_URL; unset means the embedded lake).")
    String url;

    @Option(names = "--token", paramLabel = "TOKEN", description = "Bearer token for --url (default: $DEEPLAKE_API_KEY).")
    String token;

    @Option(names = "--lake", paramLabel = "DIR",
            description = "Embedded lake directory (default: $DEEPLAKE4J_HOME, else ~/.deeplake4j).")
    Path lake;

    @Option(names = "--workspace", paramLabel = "WS", description = "Workspace (default: $DEEPLAKE_WORKSPACE, else 'default').")
    String workspace;

    /** Opens the client these options name (embedded unless --url or DEEPLAKE_API_URL is set). */
    Client open() {
        ClientConfig env = ClientConfig.fromEnvironment();
        return Client.connect(new ClientConfig(url != null ? url : env.apiUrl(), token != null ? token : env.token(),
                workspace != null ? workspace : env.workspace(), lake != null ? lake : env.lake()));
    }
}
