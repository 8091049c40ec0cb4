package ai.deeplake4j.server.lake;

import ai.deeplake4j.api.Client;
import ai.deeplake4j.ingest.write.TableStore;
import java.util.function.Consumer;

/**
 * One workspace of one organization as the server uses it: an embedded {@link Client} scoped to
 * it (queries, tables, indexes) and the {@link TableStore} remote ingest streams rows into.
 *
 * @param client  the scoped client; shared by requests, closed by the {@link Lake}
 * @param store   the store writing into the same workspace
 * @param storagePath where the workspace's tables live, relative to the lake directory (for the
 *                    credentials endpoint, which must not reveal the server's own paths), e.g. {@code warehouse/o/w}
 * @param written    called with a table's name after rows or the table itself were written
 *                   through {@code store}, so the client's SQL sees a new table at once and small
 *                   files get compacted as after an embedded ingest
 */
public record WorkspaceLake(Client client, TableStore store, String storagePath, Consumer<String> written) {
}
