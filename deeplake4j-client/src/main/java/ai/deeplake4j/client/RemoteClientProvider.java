package ai.deeplake4j.client;

import ai.deeplake4j.api.Client;
import ai.deeplake4j.api.ClientConfig;
import ai.deeplake4j.api.ClientProvider;

/** Serves configurations with a server URL ({@code DEEPLAKE_API_URL}) with a {@link RemoteClient}. */
public final class RemoteClientProvider implements ClientProvider {

    @Override
    public boolean supports(ClientConfig config) {
        return config.apiUrl() != null && !config.apiUrl().isBlank();
    }

    @Override
    public Client open(ClientConfig config) {
        return RemoteClient.open(config);
    }
}
