package ai.deeplake4j.engine.sql;

import ai.deeplake4j.api.error.QueryException;
import java.util.ArrayList;
import java.util.List;

/**
 * Recognizes the statements the engine runs itself (INSERT, UPDATE, DELETE, CREATE/DROP TABLE,
 * index DDL) from their tokens; anything else is a {@link Statement.Query} for DuckDB, which
 * reports its own syntax errors with positions.
 */
public final class StatementParser {
    private StatementParser() {
    }

    /** Splits on top-level semicolons; empty statements are dropped. */
    public static List<List<Token>> split(List<Token> tokens) {
        List<List<Token>> out = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        int depth = 0;
        for (Token t : tokens) {
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            }
            if (depth == 0 && t.isSymbol(";")) {
                addIfNotEmpty(out, current);
                current = new ArrayList<>();
            } else {
                current.add(t);
            }
        }
        addIfNotEmpty(out, current);
        return out;
    }

    private static void addIfNotEmpty(List<List<Token>> out, List<Token> statement) {
        if (statement.stream().anyMatch(t -> !t.isTrivia())) {
            out.add(statement);
        }
    }

    public static Statement parse(List<Token> tokens) {
        Cursor c = new Cursor(tokens);
        Token first = c.peek();
        if (first == null) {
            throw new QueryException("Empty SQL statement.");
        }
        if (first.is("INSERT")) {
            return insert(c);
        }
        if (first.is("UPDATE")) {
            return update(c);
        }
        if (first.is("DELETE")) {
            return delete(c);
        }
        if (first.is("CREATE") || first.is("DROP")) {
            Token second = c.peekAt(1);
            Token third = c.peekAt(2);
            if (second != null && (second.is("INDEX") || (second.is("UNIQUE") && third != null && third.is("INDEX")))) {
                return new Statement.IndexDdl(SqlLexer.join(tokens), tokens);
            }
            if (first.is("CREATE") && second != null && second.is("TABLE")) {
                return createTable(c);
            }
            if (first.is("DROP") && second != null && second.is("TABLE")) {
                return dropTable(c);
            }
        }
        if (first.is("BEGIN") || first.is("COMMIT") || first.is("ROLLBACK") || first.is("START") || first.is("END")) {
            return new Statement.Transaction(first.text().toUpperCase(java.util.Locale.ROOT));
        }
        return new Statement.Query(SqlLexer.join(tokens));
    }

    private static Statement insert(Cursor c) {
        c.expect("INSERT");
        c.expect("INTO");
        String table = c.tableName();
        if (c.peek() != null && c.peek().is("AS")) {
            c.next();
            c.identifier("alias");
        }
        List<String> columns = null;
        if (c.peek() != null && c.peek().isSymbol("(")) {
            Token after = c.peekAt(1);
            if (after != null && !after.is("SELECT") && !after.is("WITH") && !after.is("VALUES")) {
                c.next();
                columns = new ArrayList<>();
                do {
                    columns.add(c.identifier("column"));
                } while (c.acceptSymbol(","));
                c.expectSymbol(")");
            }
        }
        String source = c.rest();
        rejectClause(source, "RETURNING", "INSERT");
        rejectClause(source, "ON CONFLICT", "INSERT");
        if (source.isBlank()) {
            throw new QueryException("INSERT INTO " + table + " needs VALUES or a SELECT.");
        }
        return new Statement.Insert(table, columns, source);
    }

    private static void rejectClause(String sql, String clause, String statement) {
        List<Token> tokens = SqlLexer.lex(sql);
        String[] words = clause.split(" ");
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            depth += t.isSymbol("(") ? 1 : t.isSymbol(")") ? -1 : 0;
            if (depth == 0 && t.is(words[0])) {
                int j = Dialect.next(tokens, i);
                if (words.length == 1 || (j >= 0 && tokens.get(j).is(words[1]))) {
                    throw new QueryException(clause + " is not supported in " + statement + " yet (position " + (t.start() + 1) + ").");
                }
            }
        }
    }

    private static Statement update(Cursor c) {
        c.expect("UPDATE");
        String table = c.tableName();
        String alias = alias(c, "SET");
        c.expect("SET");
        List<Statement.Assignment> assignments = new ArrayList<>();
        do {
            String column = c.identifier("column");
            if (!c.acceptSymbol("=")) {
                throw c.error("expected '=' after column " + column);
            }
            assignments.add(new Statement.Assignment(column, c.until(",", "WHERE", "RETURNING", "FROM")));
        } while (c.acceptSymbol(","));
        if (c.peek() != null && c.peek().is("FROM")) {
            throw c.error("UPDATE ... FROM is not supported yet; use a subquery in SET or WHERE");
        }
        String where = where(c, "UPDATE");
        return new Statement.Update(table, alias, assignments, where);
    }

    private static Statement delete(Cursor c) {
        c.expect("DELETE");
        c.expect("FROM");
        String table = c.tableName();
        String alias = alias(c, "WHERE");
        if (c.peek() != null && c.peek().is("USING")) {
            throw c.error("DELETE ... USING is not supported yet; use a subquery in WHERE");
        }
        return new Statement.Delete(table, alias, where(c, "DELETE"));
    }

    private static String alias(Cursor c, String keyword) {
        Token t = c.peek();
        if (t != null && t.is("AS")) {
            c.next();
            return c.identifier("alias");
        }
        if (t != null && !t.is(keyword) && !t.is("WHERE") && (t.kind() == Token.Kind.WORD || t.kind() == Token.Kind.QUOTED_IDENTIFIER)) {
            return c.identifier("alias");
        }
        return null;
    }

    private static String where(Cursor c, String statement) {
        if (c.peek() == null) {
            return null;
        }
        c.expect("WHERE");
        String condition = c.until("RETURNING");
        if (c.peek() != null) {
            throw c.error("RETURNING is not supported in " + statement + " yet");
        }
        if (condition.isBlank()) {
            throw c.error("WHERE needs a condition");
        }
        return condition;
    }

    private static Statement createTable(Cursor c) {
        c.expect("CREATE");
        c.expect("TABLE");
        boolean ifNotExists = false;
        if (c.peek() != null && c.peek().is("IF")) {
            c.next();
            c.expect("NOT");
            c.expect("EXISTS");
            ifNotExists = true;
        }
        String table = c.tableName();
        c.expectSymbol("(");
        List<Statement.ColumnDefinition> columns = new ArrayList<>();
        do {
            Token t = c.peek();
            if (t != null && (t.is("PRIMARY") || t.is("UNIQUE") || t.is("CONSTRAINT") || t.is("CHECK") || t.is("FOREIGN"))) {
                c.until(",", ")");
                continue;
            }
            String name = c.identifier("column");
            String type = c.until(",", ")");
            if (type.isBlank()) {
                throw c.error("column " + name + " needs a type");
            }
            columns.add(new Statement.ColumnDefinition(name, type.strip()));
        } while (c.acceptSymbol(","));
        c.expectSymbol(")");
        if (c.peek() != null && c.peek().is("USING")) {
            c.next();
            Token engine = c.next();
            if (engine == null || !engine.is("deeplake")) {
                throw c.error("only USING deeplake is supported");
            }
        }
        if (c.peek() != null) {
            throw c.error("unexpected " + c.peek().text() + " after the column list");
        }
        return new Statement.CreateTable(table, ifNotExists, columns);
    }

    private static Statement dropTable(Cursor c) {
        c.expect("DROP");
        c.expect("TABLE");
        boolean ifExists = false;
        if (c.peek() != null && c.peek().is("IF")) {
            c.next();
            c.expect("EXISTS");
            ifExists = true;
        }
        List<String> tables = new ArrayList<>();
        do {
            tables.add(c.tableName());
        } while (c.acceptSymbol(","));
        if (c.peek() != null && (c.peek().is("CASCADE") || c.peek().is("RESTRICT"))) {
            c.next();
        }
        if (c.peek() != null) {
            throw c.error("unexpected " + c.peek().text());
        }
        return new Statement.DropTable(tables, ifExists);
    }

    /** Walks the non-trivia tokens of one statement. */
    static final class Cursor {
        private final List<Token> all;
        private final List<Integer> significant = new ArrayList<>();
        private int pos;

        Cursor(List<Token> tokens) {
            this.all = tokens;
            for (int i = 0; i < tokens.size(); i++) {
                if (!tokens.get(i).isTrivia()) {
                    significant.add(i);
                }
            }
        }

        Token peek() {
            return peekAt(0);
        }

        Token peekAt(int ahead) {
            int p = pos + ahead;
            return p < significant.size() ? all.get(significant.get(p)) : null;
        }

        Token next() {
            Token t = peek();
            if (t != null) {
                pos++;
            }
            return t;
        }

        void expect(String word) {
            Token t = next();
            if (t == null || !t.is(word)) {
                throw error("expected " + word + (t == null ? " at the end" : " but found '" + t.text() + "'"), t);
            }
        }

        void expectSymbol(String symbol) {
            Token t = next();
            if (t == null || !t.isSymbol(symbol)) {
                throw error("expected '" + symbol + "'" + (t == null ? " at the end" : " but found '" + t.text() + "'"), t);
            }
        }

        boolean acceptSymbol(String symbol) {
            Token t = peek();
            if (t != null && t.isSymbol(symbol)) {
                pos++;
                return true;
            }
            return false;
        }

        String identifier(String what) {
            Token t = next();
            String id = t == null ? null : t.identifier();
            if (id == null) {
                throw error("expected a " + what + " name" + (t == null ? " at the end" : " but found '" + t.text() + "'"), t);
            }
            return id;
        }

        /** A table name, possibly qualified ({@code schema.table}): only the last part is kept. */
        String tableName() {
            String name = identifierKeepingCase();
            while (acceptSymbol(".")) {
                name = identifierKeepingCase();
            }
            return name;
        }

        private String identifierKeepingCase() {
            Token t = next();
            if (t == null || (t.kind() != Token.Kind.WORD && t.kind() != Token.Kind.QUOTED_IDENTIFIER)) {
                throw error("expected a table name" + (t == null ? " at the end" : " but found '" + t.text() + "'"), t);
            }
            // Tables keep the case they were created with; bare names match case-insensitively later.
            return t.kind() == Token.Kind.WORD ? t.text() : t.identifier();
        }

        /** The text up to (not including) the first top-level stop word or symbol, consumed. */
        String until(String... stops) {
            int depth = 0;
            int startToken = pos < significant.size() ? significant.get(pos) : all.size();
            while (pos < significant.size()) {
                Token t = all.get(significant.get(pos));
                if (depth == 0) {
                    for (String s : stops) {
                        if (t.is(s) || t.isSymbol(s)) {
                            return SqlLexer.join(all.subList(startToken, significant.get(pos)));
                        }
                    }
                }
                if (t.isSymbol("(") || t.isSymbol("[")) {
                    depth++;
                } else if (t.isSymbol(")") || t.isSymbol("]")) {
                    depth--;
                }
                pos++;
            }
            return SqlLexer.join(all.subList(startToken, all.size()));
        }

        /** All remaining text, consumed. */
        String rest() {
            int startToken = pos < significant.size() ? significant.get(pos) : all.size();
            pos = significant.size();
            return SqlLexer.join(all.subList(startToken, all.size()));
        }

        QueryException error(String message) {
            return error(message, peek());
        }

        QueryException error(String message, Token at) {
            String where = at == null ? " at the end of the statement" : " at position " + (at.start() + 1);
            return new QueryException("SQL syntax error" + where + ": " + message + ".");
        }
    }
}
