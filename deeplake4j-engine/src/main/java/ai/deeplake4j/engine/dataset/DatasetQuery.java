package ai.deeplake4j.engine.dataset;

import ai.deeplake4j.api.error.QueryException;
import ai.deeplake4j.engine.sql.SqlLexer;
import ai.deeplake4j.engine.sql.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * The statement {@link ai.deeplake4j.api.dataset.Dataset#query} takes: {@code SELECT cols [WHERE
 * condition]} with no FROM (the table is implied), {@code *} for all columns.
 *
 * @param columns the selected column names, or null for {@code *}
 * @param where   the condition text, or null
 */
record DatasetQuery(List<String> columns, String where) {

    /** @throws QueryException naming what is wrong and the expected form */
    static DatasetQuery parse(String sql) {
        List<Token> tokens = SqlLexer.lex(sql == null ? "" : sql).stream().filter(t -> !t.isTrivia()).toList();
        if (tokens.isEmpty() || !tokens.getFirst().is("SELECT")) {
            throw form(sql);
        }
        int where = -1;
        for (int i = 1; i < tokens.size(); i++) {
            if (tokens.get(i).is("FROM")) {
                throw new QueryException("Dataset queries have no FROM: the table is implied. Write: SELECT a, b WHERE condition");
            }
            if (tokens.get(i).is("WHERE")) {
                where = i;
                break;
            }
        }
        int end = where < 0 ? tokens.size() : where;
        List<String> columns = new ArrayList<>();
        boolean star = false;
        for (int i = 1; i < end; i++) {
            Token t = tokens.get(i);
            if (t.isSymbol("*")) {
                star = true;
            } else if (t.identifier() != null) {
                columns.add(t.kind() == Token.Kind.WORD ? t.text() : t.identifier());
            } else if (!t.isSymbol(",")) {
                throw new QueryException("Dataset queries select plain columns; '" + t.text() + "' at position " + (t.start() + 1)
                        + " is not a column name. Write: SELECT a, b WHERE condition");
            }
        }
        if (!star && columns.isEmpty()) {
            throw form(sql);
        }
        String condition = null;
        if (where >= 0) {
            condition = sql.substring(tokens.get(where).end()).strip();
            if (condition.isEmpty()) {
                throw new QueryException("WHERE needs a condition: " + sql);
            }
        }
        return new DatasetQuery(star ? null : columns, condition);
    }

    private static QueryException form(String sql) {
        return new QueryException("Expected SELECT columns [WHERE condition] (no FROM), got: " + sql);
    }
}
