package ai.deeplake4j.engine.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.api.Names;
import ai.deeplake4j.api.error.TableException;
import ai.deeplake4j.api.error.WorkspaceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfinedPathsTest {

    @TempDir
    Path dir;

    @Test
    void aChildStaysInsideItsRoot() {
        Path root = dir.resolve("warehouse");
        assertEquals(root.resolve("acme").toAbsolutePath(), ConfinedPaths.child(root, Names.Kind.ORG, "acme"));
        for (String bad : new String[] {"..", ".", "../other", "a/../../other", "a/b", "/etc", ""}) {
            assertThrows(WorkspaceException.class, () -> ConfinedPaths.child(root, Names.Kind.ORG, bad), bad);
        }
        TableException e = assertThrows(TableException.class, () -> ConfinedPaths.child(root, Names.Kind.TABLE, "../../x"));
        assertTrue(e.getMessage().contains("outside its directory") && !e.getMessage().contains(dir.toString()), e.getMessage());
    }

    @Test
    void aSymbolicLinkOutOfTheRootIsRefused() throws IOException {
        Path root = Files.createDirectories(dir.resolve("warehouse"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createSymbolicLink(root.resolve("link"), outside);
        Files.createSymbolicLink(root.resolve("dangling"), dir.resolve("nowhere"));
        assertThrows(WorkspaceException.class, () -> ConfinedPaths.child(root, Names.Kind.ORG, "link"));
        assertThrows(WorkspaceException.class, () -> ConfinedPaths.child(root, Names.Kind.ORG, "dangling"));
        assertFalse(ConfinedPaths.inside(root, root.resolve("link/sub/deeper")));
        assertTrue(ConfinedPaths.inside(root, root.resolve("real/sub")));
        assertFalse(ConfinedPaths.inside(root, root));
        assertThrows(TableException.class, () -> ConfinedPaths.check(root, outside.resolve("t"), Names.Kind.TABLE, "t"));
    }
}
