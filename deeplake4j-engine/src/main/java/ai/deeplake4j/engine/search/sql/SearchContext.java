package ai.deeplake4j.engine.search.sql;

import ai.deeplake4j.engine.index.TableIndexes;
import ai.deeplake4j.engine.search.Hit;
import ai.deeplake4j.engine.search.exec.SearchExecutor;
import ai.deeplake4j.engine.search.lake.LakeSearchTable;
import java.util.List;

/** What the SQL rewriter needs from the engine: tables, their indexes, the executor, score relations. */
public interface SearchContext {

    /**
     * The table as of now.
     *
     * @throws ai.deeplake4j.api.error.TableException unknown table
     */
    LakeSearchTable table(String name);

    /** The indexes of a table. */
    TableIndexes indexes(String table);

    /** Runs searches. */
    SearchExecutor executor();

    /**
     * A relation {@code (_id VARCHAR, score DOUBLE)} holding the hits, as SQL usable in FROM
     * (a VALUES list, or a table the context drops in {@code cleanup}).
     */
    String scoreRelation(List<Hit> hits, List<Runnable> cleanup);
}
