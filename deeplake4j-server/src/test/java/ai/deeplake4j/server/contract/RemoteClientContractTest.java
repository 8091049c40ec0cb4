package ai.deeplake4j.server.contract;

import ai.deeplake4j.api.Client;
import ai.deeplake4j.client.RemoteClient;
import ai.deeplake4j.server.TestServer;

/** The client contract on the remote client, against a real server on a loopback port. */
class RemoteClientContractTest extends ClientContractTest {

    private TestServer server;
    private RemoteClient client;

    @Override
    protected Client client() {
        if (client == null) {
            server = new TestServer(dir.resolve("lake"));
            client = server.client("acme", "default");
        }
        return client;
    }

    @Override
    protected void closeClient() {
        if (client != null) {
            client.close();
            server.close();
        }
    }
}
