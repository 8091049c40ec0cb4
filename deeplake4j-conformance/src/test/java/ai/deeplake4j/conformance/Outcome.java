package ai.deeplake4j.conformance;

import java.util.List;

/**
 * What one statement did on one system, in a form both systems' answers can be compared in:
 * rows with their column names, a count of changed rows (INSERT/UPDATE/DELETE), plain success
 * (DDL, SET, transaction control), or a failure with its SQLSTATE.
 */
sealed interface Outcome {

    /**
     * Rows of a query.
     *
     * @param columns column names; empty when the system cannot tell them for a result without
     *                rows (deeplake4j's {@code Client.query} returns rows as maps)
     * @param rows    values normalized by {@link Canonical#value(Object)}
     * @param families the type family of each column, from its first non-null value (null when all are null)
     */
    record Rows(List<String> columns, List<List<String>> rows, List<String> families) implements Outcome {
    }

    /** The number of rows an INSERT, UPDATE or DELETE changed. */
    record Count(long rows) implements Outcome {
    }

    /** Success without a result (DDL, SET, BEGIN, ...). */
    record Ok() implements Outcome {
    }

    /**
     * A refused or failed statement.
     *
     * @param sqlState the five-character SQLSTATE, or null when the system gave none
     * @param message  the error message
     */
    record Failure(String sqlState, String message) implements Outcome {
        String sqlStateClass() {
            return sqlState == null || sqlState.length() < 2 ? null : sqlState.substring(0, 2);
        }
    }
}
