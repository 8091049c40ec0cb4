package ai.deeplake4j.server.lake;

import ai.deeplake4j.engine.EmbeddedClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The {@link Lake} over the engine: one shared engine lake (catalog and files) and one
 * {@link EmbeddedClient} per organization and workspace, opened on first use and kept. Each
 * client has its own DuckDB database holding only its workspace's tables, so SQL of one
 * organization cannot name another's tables, and that database may touch no file outside the
 * workspace's directory ({@link ai.deeplake4j.engine.sql.QueryEngine#confineToWorkspace}).
 * Thread-safe.
 */
public final class EngineLake implements Lake {

    private record Key(String org, String workspace) {
    }

    private final ai.deeplake4j.engine.lake.Lake lake;
    private final int duckdbThreads;
    private final Map<Key, WorkspaceLake> open = new ConcurrentHashMap<>();

    private EngineLake(ai.deeplake4j.engine.lake.Lake lake, int duckdbThreads) {
        this.lake = lake;
        this.duckdbThreads = duckdbThreads;
    }

    /** Opens (creating if needed) the lake directory; workspaces get DuckDB's default threads (the cores). */
    public static EngineLake open(Path dir) {
        return open(dir, 0);
    }

    /**
     * Opens (creating if needed) the lake directory.
     *
     * @param duckdbThreads DuckDB threads of each workspace's database, or 0 for DuckDB's default (the cores)
     */
    public static EngineLake open(Path dir, int duckdbThreads) {
        if (duckdbThreads < 0) {
            throw new IllegalArgumentException("duckdbThreads must be >= 0, got " + duckdbThreads);
        }
        return new EngineLake(ai.deeplake4j.engine.lake.Lake.open(dir), duckdbThreads);
    }

    @Override
    public WorkspaceLake workspace(String org, String workspace) {
        return open.computeIfAbsent(new Key(org, workspace), k -> {
            EmbeddedClient client = EmbeddedClient.on(lake, k.org(), k.workspace());
            if (duckdbThreads > 0) {
                client.engine().setThreads(duckdbThreads);
            }
            client.engine().confineToWorkspace();
            Path dir = lake.workspaceDir(ai.deeplake4j.engine.lake.Lake.namespace(k.org(), k.workspace()));
            String url = dir.toUri().toString();
            return new WorkspaceLake(client, client.engine().store(), url.endsWith("/") ? url.substring(0, url.length() - 1) : url,
                    table -> {
                        client.engine().reloadTableNames();
                        client.engine().compactIfNeeded(table);
                    });
        });
    }

    @Override
    public Set<String> organizations() {
        return directories(lake.root().resolve("warehouse"));
    }

    @Override
    public Set<String> workspaces(String org) {
        Set<String> all = directories(lake.root().resolve("warehouse").resolve(org));
        open.keySet().stream().filter(k -> k.org().equals(org)).map(Key::workspace).forEach(ws -> {
            if (!workspace(org, ws).client().listTables().isEmpty()) {
                all.add(ws);
            }
        });
        return all;
    }

    @Override
    public void dropWorkspace(String org, String workspace) {
        WorkspaceLake ws = workspace(org, workspace);
        for (String table : ws.client().listTables()) {
            ws.client().dropTable(table, true);
        }
        WorkspaceLake closed = open.remove(new Key(org, workspace));
        if (closed != null) {
            closed.client().close();
        }
    }

    private static Set<String> directories(Path dir) {
        Set<String> names = new TreeSet<>();
        if (!Files.isDirectory(dir)) {
            return names;
        }
        try (Stream<Path> list = Files.list(dir)) {
            list.filter(Files::isDirectory).map(p -> p.getFileName().toString()).forEach(names::add);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
        return names;
    }

    @Override
    public void close() {
        open.values().forEach(ws -> ws.client().close());
        open.clear();
        lake.close();
    }
}
