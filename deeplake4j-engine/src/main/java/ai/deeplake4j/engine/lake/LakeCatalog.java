package ai.deeplake4j.engine.lake;

import java.util.List;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Iceberg's {@link JdbcCatalog} whose table operations delete the metadata file of a commit
 * attempt that certainly failed. Iceberg's JDBC operations write the new {@code metadata.json}
 * (which lists every retained snapshot, so it grows with the table's history) before the
 * compare-and-swap in the catalog, and leave it behind when the swap loses to a concurrent commit.
 * Every lost race then left a full copy of the table's metadata: with background compaction or
 * several writers that made metadata grow quadratically with the number of commits (issue 11).
 *
 * <p>Only a {@link CommitFailedException} deletes the file, and only after a refresh shows the
 * catalog does not point at it (nor did on the way): Iceberg throws it when the swap did not happen.
 * A {@link org.apache.iceberg.exceptions.CommitStateUnknownException} or any other error keeps
 * the file, since the catalog may point at it.
 */
final class LakeCatalog extends JdbcCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(LakeCatalog.class);

    @Override
    protected TableOperations newTableOps(TableIdentifier identifier) {
        return new CleaningOperations(super.newTableOps(identifier));
    }

    /** Delegates everything; a failed commit removes the metadata file it wrote. */
    private static final class CleaningOperations extends ForwardingTableOperations {
        CleaningOperations(TableOperations delegate) {
            super(delegate);
        }

        @Override
        public void commit(TableMetadata base, TableMetadata metadata) {
            CommitFailedException failure;
            List<String> written;
            try (LocalFileIO.CreatedFiles files = LocalFileIO.recordCreatedFiles()) {
                try {
                    delegate.commit(base, metadata);
                    return;
                } catch (CommitFailedException e) {
                    failure = e;
                    written = files.locations();
                }
            }
            deleteUncommitted(written);
            throw failure;
        }

        private void deleteUncommitted(List<String> locations) {
            if (locations.isEmpty()) {
                return;
            }
            TableMetadata now;
            try {
                now = delegate.refresh();
            } catch (RuntimeException e) {
                return; // cannot tell what the catalog points at: keep the files
            }
            for (String location : locations) {
                boolean referenced = location.equals(now.metadataFileLocation())
                        || now.previousFiles().stream().anyMatch(entry -> entry.file().equals(location));
                if (!referenced) {
                    try {
                        delegate.io().deleteFile(location);
                    } catch (RuntimeException e) {
                        LOG.debug("Cannot delete the metadata file {} of a failed commit: {}", location, e.getMessage());
                    }
                }
            }
        }
    }
}
