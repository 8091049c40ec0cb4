package ai.deeplake4j.server.lake;

import ai.deeplake4j.api.Client;
import ai.deeplake4j.ingest.write.TableStore;

/**
 * One workspace of one organization as the server uses it: an embedded {@link Client} scoped to
 * it (queries, tables, indexes) and the {@link TableStore} remote ingest streams rows into.
 *
 * @param client  the scoped client; shared by requests, closed by the {@link Lake}
 * @param store   the store writing into the same workspace
 * @param storageUrl where the workspace's tables live (for the credentials endpoint), e.g. {@code file:///lake/warehouse/o/w}
 * @param tablesChanged tells the client that tables were created through {@code store}, so its
 *                      SQL sees them at once
 */
public record WorkspaceLake(Client client, TableStore store, String storageUrl, Runnable tablesChanged) {
}
