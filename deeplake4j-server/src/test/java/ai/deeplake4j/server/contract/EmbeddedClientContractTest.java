package ai.deeplake4j.server.contract;

import ai.deeplake4j.api.Client;
import ai.deeplake4j.engine.EmbeddedClient;

/** The client contract on the embedded client (in-process lake). */
class EmbeddedClientContractTest extends ClientContractTest {

    private EmbeddedClient client;

    @Override
    protected Client client() {
        if (client == null) {
            client = EmbeddedClient.open(dir.resolve("lake"), "acme", "default");
        }
        return client;
    }

    @Override
    protected void closeClient() {
        if (client != null) {
            client.close();
        }
    }
}
