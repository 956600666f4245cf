package dev.evoplan.source.liquibase;

import java.util.Optional;

/**
 * A resource that knows the git blob id of its bytes without reading them (a file of a commit: its
 * tree holds the id). The same id means the same bytes, as git itself relies on.
 */
public interface BlobIdentified {
    /** The blob id; empty when it is not known without reading the bytes. */
    Optional<String> blobId();
}
