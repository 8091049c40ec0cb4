package ai.deeplake4j.engine.lake;

import ai.deeplake4j.api.Names;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Builds the paths the engine derives from names, and refuses any that would leave their root
 * (ARCHITECTURE D10): the second line behind {@link Names}, so a name that slipped past a rule, a
 * symbolic link inside the lake, or a location read back from the catalog cannot make the engine
 * write or delete outside its directory.
 *
 * <p>A path is inside its root when, once normalized, it starts with the root and is not the root
 * itself, and when the real path (symbolic links followed) of its deepest existing part starts
 * with the real path of the root.
 */
public final class ConfinedPaths {

    private ConfinedPaths() {
    }

    /**
     * {@code root/name}, checked to lie inside {@code root}.
     *
     * @param kind what {@code name} names, for the exception
     * @throws ai.deeplake4j.api.error.ManagedServiceException the {@link Names.InvalidName} of
     *         {@code kind} when the path leaves {@code root} (the message names {@code name}, not
     *         the directories)
     */
    public static Path child(Path root, Names.Kind kind, String name) {
        if (name == null || name.isEmpty()) {
            throw kind.invalid(name, "The name is empty.");
        }
        Path child;
        try {
            child = root.resolve(name);
        } catch (java.nio.file.InvalidPathException e) {
            throw kind.invalid(name, "It is not usable as a directory name.");
        }
        Path normal = child.toAbsolutePath().normalize();
        // one step only: "a/b" stays inside root but is not a child of it
        if (!inside(root, child) || !root.toAbsolutePath().normalize().equals(normal.getParent())) {
            throw kind.invalid(name, "It would lead outside its directory.");
        }
        return normal;
    }

    /**
     * Checks that {@code path} (e.g. a table location read from the catalog) lies inside {@code root}.
     *
     * @param kind what the path belongs to, for the exception
     * @param name the name the path belongs to, for the exception
     * @return {@code path}, absolute and normalized
     * @throws ai.deeplake4j.api.error.ManagedServiceException the {@link Names.InvalidName} of
     *         {@code kind} when it does not
     */
    public static Path check(Path root, Path path, Names.Kind kind, String name) {
        if (!inside(root, path)) {
            throw kind.invalid(name, "Its directory is outside the lake.");
        }
        return path.toAbsolutePath().normalize();
    }

    /** True when {@code path} lies strictly inside {@code root}, by name and by real path. */
    public static boolean inside(Path root, Path path) {
        Path base = root.toAbsolutePath().normalize();
        Path p = path.toAbsolutePath().normalize();
        if (!p.startsWith(base) || p.equals(base)) {
            return false;
        }
        if (!Files.exists(base)) {
            return true; // nothing under root exists yet, so nothing can be a link out of it
        }
        try {
            Path realBase = base.toRealPath();
            Path existing = p;
            while (!Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                existing = existing.getParent();
            }
            if (Files.isSymbolicLink(existing) && !Files.exists(existing)) {
                return false; // a dangling link could be made to point anywhere
            }
            Path real = existing.toRealPath();
            return real.startsWith(realBase) && (!real.equals(realBase) || existing.equals(base));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot resolve a path inside the lake", e);
        }
    }
}
