package dev.evoplan.source.git;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The paths a load looked at in a snapshot (files read, paths tested, folders listed), so a later
 * snapshot can be told apart cheaply: where every one of them has the same git object id (or is
 * missing in both), the load reads the same bytes and gives the same result.
 */
final class Footprint {
    private final Set<String> paths = new HashSet<>();
    private final Set<String> listed = new HashSet<>();

    synchronized void path(String treePath) {
        if (treePath != null) {
            paths.add(treePath);
        }
    }

    synchronized void listing(String folder) {
        listed.add(folder);
    }

    /** Everything both footprints looked at. */
    synchronized Footprint with(Footprint other) {
        Footprint out = new Footprint();
        out.paths.addAll(paths);
        out.listed.addAll(listed);
        synchronized (other) {
            out.paths.addAll(other.paths);
            out.listed.addAll(other.listed);
        }
        return out;
    }

    /**
     * What each path is at the snapshot: its object id, a folder, or missing; and each listed
     * folder's files.
     */
    synchronized State at(Snapshot snapshot) {
        Map<String, String> ids = new HashMap<>();
        for (String p : paths) {
            ids.put(p, id(snapshot, p));
        }
        Map<String, List<String>> listings = new HashMap<>();
        for (String folder : listed) {
            listings.put(folder, snapshot.files(folder));
        }
        return new State(this, ids, listings);
    }

    private static String id(Snapshot snapshot, String path) {
        // A folder counts by being there: what is read below it is a path of its own.
        return snapshot.blobId(path).orElse(snapshot.isFolder(path) ? "folder" : "missing");
    }

    /** A footprint's paths as they were at one snapshot. */
    record State(Footprint footprint, Map<String, String> ids, Map<String, List<String>> listings) {
        State {
            Objects.requireNonNull(footprint, "footprint is null");
            ids = Map.copyOf(ids);
            listings = Map.copyOf(listings);
        }

        /**
         * The paths whose id differs at {@code snapshot}, and the listed folders whose files
         * differ.
         */
        Set<String> changedAt(Snapshot snapshot) {
            Set<String> changed = new HashSet<>();
            ids.forEach(
                    (path, id) -> {
                        if (!id.equals(id(snapshot, path))) {
                            changed.add(path);
                        }
                    });
            listings.forEach(
                    (folder, files) -> {
                        if (!files.equals(snapshot.files(folder))) {
                            changed.add(folder + "/");
                        }
                    });
            return changed;
        }
    }
}
