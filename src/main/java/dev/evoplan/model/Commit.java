package dev.evoplan.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One commit that changed the changelog's folder.
 *
 * @param parent the first parent's full id, or null for a root commit
 * @param present whether the changelog file exists at this commit
 * @param parentPresent whether it exists at the parent (false for a root commit)
 */
public record Commit(
        String id,
        String author,
        String email,
        Instant date,
        String subject,
        String parent,
        boolean present,
        boolean parentPresent) {
    public Commit {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(author, "author is null");
        Objects.requireNonNull(email, "email is null");
        Objects.requireNonNull(date, "date is null");
        Objects.requireNonNull(subject, "subject is null");
    }

    /** The abbreviated id people read: seven digits, as git shows it. */
    public String shortId() {
        return id.substring(0, 7);
    }
}
