package ai.deeplake4j.server.sql;

import ai.deeplake4j.api.error.QueryException;

/** A statement the server refuses to run because it could reach files, settings or other organizations. */
public final class SqlRefusedException extends QueryException {
    public SqlRefusedException(String message) {
        super(message);
    }
}
