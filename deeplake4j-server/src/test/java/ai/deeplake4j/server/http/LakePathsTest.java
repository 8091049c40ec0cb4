package ai.deeplake4j.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LakePathsTest {

    private final LakePaths paths = new LakePaths(Path.of("/srv/deeplake/lake"));

    @Test
    void aWorkspaceFileBecomesItsTableRelativePath() {
        assertEquals("IO Error: No files found that match the pattern \"docs/data/0001.parquet\"",
                paths.redact("IO Error: No files found that match the pattern \"/srv/deeplake/lake/warehouse/acme/default/docs/data/0001.parquet\""));
        assertEquals("cannot read docs/index/3/segments_1",
                paths.redact("cannot read file:///srv/deeplake/lake/warehouse/acme/default/docs/index/3/segments_1"));
    }

    @Test
    void otherLakePathsStartAtTheLakeAndOtherTextStays() {
        assertEquals("Cannot open <lake>/catalog.db and <lake>", paths.redact("Cannot open /srv/deeplake/lake/catalog.db and /srv/deeplake/lake"));
        assertEquals("/srv/deeplake/lake2/x and 'a/b' stay", paths.redact("/srv/deeplake/lake2/x and 'a/b' stay"));
        assertNull(paths.redact(null));
    }
}
