package ai.deeplake4j.cli;

import ai.deeplake4j.api.Client;
import ai.deeplake4j.api.ClientConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command takes: where the lake is. */
final class LakeOptions {
    @Option(names = "--lake", paramLabel = "DIR",
            description = "Embedded lake directory (default: $DEEPLAKE4J_HOME, else ./deeplake-data).")
    Path lake;

    @Option(names = "--workspace", paramLabel = "WS", description = "Workspace (default: $DEEPLAKE_WORKSPACE, else 'default').")
    String workspace;

    /** Opens the client these options name (embedded unless DEEPLAKE_API_URL is set). */
    Client open() {
        ClientConfig env = ClientConfig.fromEnvironment();
        return Client.connect(new ClientConfig(env.apiUrl(), env.token(),
                workspace != null ? workspace : env.workspace(), lake != null ? lake : env.lake()));
    }
}
