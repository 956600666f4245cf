package dev.evoplan.source.liquibase;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A resource that knows the git blob id of its bytes without reading them (a file of a commit: its
 * tree holds the id). The same id means the same bytes, as git itself relies on.
 */
public interface BlobIdentified {
    /** The blob id; empty when it is not known without reading the bytes. */
    Optional<String> blobId();

    /**
     * What git names a blob of these bytes ({@code git hash-object}): the SHA-1 of a "blob
     * LENGTH\0" header and them. The one home of the id, for a file read from disk (a folder, the
     * working tree) to compare with a commit's.
     */
    static String of(byte[] bytes) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(("blob " + bytes.length + "\0").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha1.digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
