package ai.deeplake4j.engine.sql;

import ai.deeplake4j.api.error.QueryException;
import java.util.List;
import java.util.Map;

/** Runs {@code CREATE INDEX} / {@code DROP INDEX}; the search layer provides it. */
@FunctionalInterface
public interface IndexDdlHandler {
    /** Refuses index DDL: used when no search layer is installed. */
    IndexDdlHandler NONE = statement -> {
        throw new QueryException("Index DDL is not available in this build: " + statement.sql().strip());
    };

    List<Map<String, Object>> execute(Statement.IndexDdl statement);
}
