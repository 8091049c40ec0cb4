package ai.deeplake4j.server.lake;

import ai.deeplake4j.api.Names;
import ai.deeplake4j.api.error.WorkspaceException;
import ai.deeplake4j.engine.lake.ConfinedPaths;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Workspace records (id, display name, creation time) per organization, kept in
 * {@code <lake>/service/<org>/workspaces.json} and replaced atomically on change. The
 * {@code default} workspace always exists; a workspace that has tables exists even when it was
 * never registered. Thread-safe (one lock: workspace changes are rare).
 */
public final class WorkspaceRegistry {

    /** One workspace record. */
    public record Workspace(String id, String name, String createdAt) {
    }

    public static final String DEFAULT = "default";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final Clock clock;

    public WorkspaceRegistry(Path lake, Clock clock) {
        this.root = lake.resolve("service");
        this.clock = clock;
    }

    /** Registered workspaces, plus {@code default} and those with data, sorted by id. */
    public synchronized List<Workspace> list(String org, Iterable<String> withData) {
        Map<String, Workspace> all = read(org);
        all.putIfAbsent(DEFAULT, new Workspace(DEFAULT, DEFAULT, null));
        for (String ws : withData) {
            all.putIfAbsent(ws, new Workspace(ws, ws, null));
        }
        return new ArrayList<>(all.values());
    }

    /** The record, or null when the workspace is neither registered nor {@code default}. */
    public synchronized Workspace get(String org, String id) {
        Workspace w = read(org).get(id);
        return w == null && DEFAULT.equals(id) ? new Workspace(DEFAULT, DEFAULT, null) : w;
    }

    /** @throws WorkspaceException when it is already registered */
    public synchronized Workspace create(String org, String id, String name) {
        Map<String, Workspace> all = read(org);
        if (all.containsKey(id)) {
            throw new WorkspaceException("Workspace already exists: " + id + ". Choose another id.");
        }
        Workspace w = new Workspace(id, name == null || name.isBlank() ? id : name, clock.instant().toString());
        all.put(id, w);
        write(org, all);
        return w;
    }

    /** Renames, registering the workspace if needed. */
    public synchronized Workspace rename(String org, String id, String name) {
        Map<String, Workspace> all = read(org);
        Workspace old = all.get(id);
        Workspace w = new Workspace(id, name, old == null ? clock.instant().toString() : old.createdAt());
        all.put(id, w);
        write(org, all);
        return w;
    }

    /** Forgets a workspace; true when it was registered. */
    public synchronized boolean remove(String org, String id) {
        Map<String, Workspace> all = read(org);
        boolean removed = all.remove(id) != null;
        if (removed) {
            write(org, all);
        }
        return removed;
    }

    private Map<String, Workspace> read(String org) {
        Path file = file(org);
        if (!Files.exists(file)) {
            return new TreeMap<>();
        }
        try {
            return new TreeMap<>(JSON.readValue(file.toFile(), new TypeReference<Map<String, Workspace>>() { }));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private void write(String org, Map<String, Workspace> all) {
        Path file = file(org);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("workspaces.json.tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), all);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private Path file(String org) {
        return ConfinedPaths.child(root, Names.Kind.ORG, Names.org(org)).resolve("workspaces.json");
    }
}
