package ai.deeplake4j.engine.sql;

import java.util.List;

/** A parsed SQL statement: the forms the engine runs itself, and everything DuckDB runs as is. */
public sealed interface Statement {

    /** A query (SELECT, WITH, VALUES, EXPLAIN, ...) run by DuckDB over the table views. */
    record Query(String sql) implements Statement {
    }

    /** {@code INSERT INTO table [(columns)] source}; columns null means all, in table order. */
    record Insert(String table, List<String> columns, String source) implements Statement {
    }

    /** {@code UPDATE table [AS alias] SET col = expr, ... [WHERE condition]}. */
    record Update(String table, String alias, List<Assignment> assignments, String where) implements Statement {
    }

    /** One {@code col = expr} of an UPDATE. */
    record Assignment(String column, String expression) {
    }

    /** {@code DELETE FROM table [AS alias] [WHERE condition]}. */
    record Delete(String table, String alias, String where) implements Statement {
    }

    /** {@code CREATE TABLE [IF NOT EXISTS] table (name type, ...) [USING deeplake]}. */
    record CreateTable(String table, boolean ifNotExists, List<ColumnDefinition> columns) implements Statement {
    }

    /** One column of CREATE TABLE: its name and type text as written. */
    record ColumnDefinition(String name, String type) {
    }

    /** {@code DROP TABLE [IF EXISTS] t, ...}. */
    record DropTable(List<String> tables, boolean ifExists) implements Statement {
    }

    /** {@code CREATE INDEX ...} / {@code DROP INDEX ...}, handled by the search layer. */
    record IndexDdl(String sql, List<Token> tokens) implements Statement {
    }

    /** BEGIN / COMMIT / ROLLBACK: every statement commits on its own, so these do nothing. */
    record Transaction(String verb) implements Statement {
    }
}
