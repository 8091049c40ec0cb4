package ai.deeplake4j.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.api.error.TableException;
import ai.deeplake4j.api.error.WorkspaceException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class NamesTest {

    /** Column names the normalizers (2.5) and formats (2.6) make, and what user data and CSV headers hold. */
    @ParameterizedTest
    @ValueSource(strings = {"text", "id", "file_id", "chunk_index", "video_data", "segments_info", "num_objects",
        "observation.state", "observation_state_0", "observation.images.top", "label_name", "First Name", "größe",
        "col-1", "a.b", "#", "x'y", "x\"y", "_idx", "id_", "123"})
    void columnNamesFromFormatsAndUserDataAreAccepted(String name) {
        assertEquals(name, Names.column(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "../x", "../../../../x/victim", "a/b", "a\\b", "..\\x", "a..b", "x\0y",
        "line\nbreak", "tab\there", "bell\u0007", "del\u007f", "_id", "_ID", "_Id"})
    void hostileColumnNamesAreRefusedAsTableExceptions(String name) {
        TableException e = assertThrows(TableException.class, () -> Names.column(name));
        assertTrue(e.getMessage().startsWith("Invalid column name: "), e.getMessage());
        assertEquals(Names.Kind.COLUMN, assertInstanceOf(Names.InvalidName.class, e).kind());
        assertFalse(e.getMessage().contains("\0") || e.getMessage().contains("\n"), "control characters are escaped");
    }

    @Test
    void theRowIdColumnIsReservedWithAnExplanation() {
        TableException e = assertThrows(TableException.class, () -> Names.column("_id"));
        assertTrue(e.getMessage().contains("hidden row id"), e.getMessage());
    }

    @Test
    void namesLongerThanPostgresIdentifiersAreRefusedAndShownShortened() {
        String ok = "c".repeat(Names.MAX_LENGTH);
        assertEquals(ok, Names.column(ok));
        assertEquals("t".repeat(63), Names.table("t".repeat(63)));
        String longName = "x".repeat(100_000);
        for (Runnable check : new Runnable[] {() -> Names.column(longName), () -> Names.table(longName),
            () -> Names.index(longName), () -> Names.workspace(longName), () -> Names.org(longName)}) {
            RuntimeException e = assertThrows(RuntimeException.class, check::run);
            assertTrue(e.getMessage().length() < 400, "message is short: " + e.getMessage().length());
            assertTrue(e.getMessage().contains("(100000 characters)") && e.getMessage().contains("longer than 63"), e.getMessage());
        }
        assertThrows(TableException.class, () -> Names.column("c".repeat(64)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "..", "a/b", "bad name!", "1abc", "a-b", "%2e%2e", "x\0y", "a.b"})
    void tableNamesAreSqlIdentifiers(String name) {
        TableException e = assertThrows(TableException.class, () -> Names.table(name));
        assertTrue(e.getMessage().startsWith("Invalid table name: "), e.getMessage());
        assertEquals("invalid_table_name", ((Names.InvalidName) e).kind().code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "..", ".", "-x", "_x", "a/b", "a\\b", "%2e%2e", "x\0y", "a.b", "a b"})
    void workspaceAndOrgNamesAreRefusedAsWorkspaceExceptions(String name) {
        WorkspaceException ws = assertThrows(WorkspaceException.class, () -> Names.workspace(name));
        assertEquals("invalid_workspace_name", ((Names.InvalidName) ws).kind().code());
        WorkspaceException org = assertThrows(WorkspaceException.class, () -> Names.org(name));
        assertTrue(org.getMessage().startsWith("Invalid org name: "), org.getMessage());
        assertFalse(Names.isValid(Names.Kind.ORG, name));
    }

    @Test
    void usualNamesPass() {
        assertEquals("default", Names.workspace("default"));
        assertEquals("acme-2", Names.org("acme-2"));
        assertEquals("local", Names.org("local"));
        assertEquals("_docs2", Names.table("_docs2"));
        assertEquals("docs_text_idx", Names.index("docs_text_idx"));
        assertEquals("_id_idx", Names.index("_id_idx"));
        assertThrows(TableException.class, () -> Names.index("../x"));
    }
}
