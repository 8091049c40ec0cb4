package ai.deeplake4j.engine;

import ai.deeplake4j.api.Client;
import ai.deeplake4j.api.ClientConfig;
import ai.deeplake4j.api.ClientProvider;

/** Provides the {@link EmbeddedClient} for configurations without a server URL. */
public final class EmbeddedClientProvider implements ClientProvider {
    @Override
    public boolean supports(ClientConfig config) {
        return config.isEmbedded();
    }

    @Override
    public Client open(ClientConfig config) {
        return EmbeddedClient.open(config.lake(), EmbeddedClient.DEFAULT_ORG, config.workspace());
    }
}
