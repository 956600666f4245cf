package dev.evoplan.source.liquibase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The resources folders of a multi-module Maven build, where a running application's classpath
 * finds changelogs its master names by classpath path (Fineract after 1.9.0 keeps each module's
 * changelogs in {@code fineract-loan/src/main/resources/db/changelog/...}, included from the
 * provider module's master as {@code db/changelog/tenant/module/loan/...}). An include that no
 * other root resolves is tried against each of them; see {@link ChangelogRoots}.
 *
 * <p>The modules searched are the folders one level below the build's top, and the top itself: the
 * top is the parent of the module whose {@code src/main/resources} holds the master, or, when the
 * master is in no such folder, the top of the repository (or of the git work tree on disk).
 */
public final class ModuleResources {
    static final String RESOURCES = "src/main/resources";

    private ModuleResources() {}

    /**
     * The build's top for a master in {@code masterFolder} (a '/'-separated path relative to the
     * repository's top, "" for the top), as a path of the same kind.
     */
    public static String treeTop(String masterFolder) {
        String folder = "/" + masterFolder + "/";
        int at = folder.lastIndexOf("/" + RESOURCES + "/");
        if (at < 0) {
            return "";
        }
        String module = folder.substring(1, at + 1);
        module = module.endsWith("/") ? module.substring(0, module.length() - 1) : module;
        int slash = module.lastIndexOf('/');
        return slash < 0 ? "" : module.substring(0, slash);
    }

    /**
     * The folder names below {@code top} that may hold a module's resources, the top's own first:
     * {@code src/main/resources} and {@code CHILD/src/main/resources} for each child, sorted.
     */
    public static List<String> candidates(String top, List<String> children) {
        List<String> out = new ArrayList<>();
        out.add(join(top, RESOURCES));
        children.stream().sorted().forEach(c -> out.add(join(top, c + "/" + RESOURCES)));
        return out;
    }

    private static String join(String top, String rest) {
        return top.isEmpty() ? rest : top + "/" + rest;
    }

    /**
     * On disk: the modules' resources folders of the build the master sits in, except those in
     * {@code taken} (already roots); empty when the master sits in no {@code src/main/resources}
     * and in no git work tree.
     */
    static List<Path> onDisk(Path masterDir, List<Path> taken) {
        Optional<Path> top = topOnDisk(masterDir);
        if (top.isEmpty()) {
            return List.of();
        }
        List<String> children = new ArrayList<>();
        try (Stream<Path> listed = Files.list(top.get())) {
            listed.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(name -> !name.startsWith("."))
                    .forEach(children::add);
        } catch (IOException e) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        for (String candidate : candidates("", children)) {
            Path folder = top.get().resolve(candidate).normalize();
            if (Files.isDirectory(folder) && !taken.contains(folder)) {
                out.add(folder);
            }
        }
        return out;
    }

    private static Optional<Path> topOnDisk(Path masterDir) {
        Path resources = Path.of(RESOURCES);
        for (Path p = masterDir; p != null; p = p.getParent()) {
            if (p.endsWith(resources)) {
                Path module = p.getParent().getParent().getParent();
                return Optional.of(module.getParent() == null ? module : module.getParent());
            }
        }
        for (Path p = masterDir; p != null && p.getParent() != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
