package ai.deeplake4j.server.lake;

import java.util.Set;

/**
 * The lake the server serves, split by organization and workspace
 * ({@code warehouse/<org>/<workspace>/<table>}, ARCHITECTURE 1.3). Every request works through
 * the {@link WorkspaceLake} of its caller's organization, so one organization never reaches
 * another's tables. Implementations are thread-safe and cache what they open.
 */
public interface Lake extends AutoCloseable {

    /** The client and table store of one workspace of one organization (names already validated). */
    WorkspaceLake workspace(String org, String workspace);

    /** Organization ids that have data in the lake. */
    Set<String> organizations();

    /** Workspaces of {@code org} that have data. */
    Set<String> workspaces(String org);

    /** Drops every table of a workspace and forgets it. */
    void dropWorkspace(String org, String workspace);

    /**
     * Releases what idle workspaces hold (e.g. closes engines unused for a while), so that memory
     * stays bounded; the server calls it periodically. Nothing by default.
     */
    default void evictIdle() {
    }

    /**
     * Cancels the queries running now in every workspace (their DuckDB statements are
     * interrupted); they fail with a {@link ai.deeplake4j.api.error.QueryCancelledException} naming
     * {@code reason}. The server calls it when its drain timeout passes at shutdown. Nothing by default.
     *
     * @return how many queries were running
     */
    default int cancelRunning(String reason) {
        return 0;
    }

    /** Closes every open workspace; waits for their writers. */
    @Override
    void close();
}
