package ai.deeplake4j.api;

/**
 * Service-provider interface that makes {@link Client}s: the engine module provides the
 * embedded one, the client module the remote one. Found with {@link java.util.ServiceLoader}.
 */
public interface ClientProvider {
    /** True when this provider serves the configuration (embedded or remote). */
    boolean supports(ClientConfig config);

    /** Opens a client; the caller closes it. */
    Client open(ClientConfig config);
}
