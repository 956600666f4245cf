package dev.evoplan.fix;

import dev.evoplan.engine.LintReport;
import dev.evoplan.model.Identifiers;
import dev.evoplan.model.InputException;
import dev.evoplan.plan.FindingWithFix;
import dev.evoplan.rules.Finding;
import dev.evoplan.source.sql.SqlSource;
import dev.evoplan.source.sql.SqlSplitter;
import dev.evoplan.source.sql.Token;
import dev.evoplan.source.sql.TokenKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites SQL migration files into their safe form where lint's finding says how and the rewrite
 * is mechanical ({@link FixKind}). Edits are placed by the lexer's tokens (offsets of the words
 * {@code INDEX}, the statement's last token, its first line), never by searching the text. Only
 * findings that stand are fixed: a suppressed finding is not in the report's verdicts. A finding
 * that cannot be fixed safely here is left as written, with the reason.
 */
public final class LintFixer {
    private static final Pattern FLYWAY = Pattern.compile("V(\\d+(?:[._]\\d+)*)__(.*)\\.sql");

    private LintFixer() {}

    /**
     * @param lockTimeout the value a {@code SET lock_timeout} fix sets, e.g. {@code 5s}
     * @param assumeInTransaction the runner wraps each plain file in one transaction (lint's
     *     option)
     */
    public static FixResult fix(
            LintReport report, String lockTimeout, boolean assumeInTransaction) {
        Map<String, List<Finding>> byFile = new LinkedHashMap<>();
        List<String> notFixed = new ArrayList<>();
        for (FindingWithFix v : report.verdicts()) {
            Finding f = v.finding();
            if (FixKind.forRule(f.ruleId()) == null
                    || f.origin() == null
                    || f.origin().file() == null) {
                continue;
            }
            byFile.computeIfAbsent(f.origin().file(), k -> new ArrayList<>()).add(f);
        }
        List<FileFix> files = new ArrayList<>();
        // Each folder's layout is read once, however many of its files are fixed.
        Map<Path, Function<String, Optional<String>>> upFileWrappers = new HashMap<>();
        for (Map.Entry<String, List<Finding>> e : byFile.entrySet()) {
            FileFix fix =
                    new FileRewrite(
                                    e.getKey(),
                                    lockTimeout,
                                    assumeInTransaction,
                                    notFixed,
                                    upFileWrappers)
                            .apply(e.getValue());
            if (fix != null && fix.changes()) {
                files.add(fix);
            }
        }
        return new FixResult(files, notFixed);
    }

    /** Writes the fixed files and the files a split adds; each replaced whole. */
    public static void apply(FixResult result) {
        for (FileFix f : result.files()) {
            write(Path.of(f.path()), f.after());
            for (FileFix.NewFile n : f.added()) {
                write(Path.of(n.path()), n.content());
            }
        }
    }

    private static void write(Path file, String content) {
        try {
            Path temp = file.resolveSibling("." + file.getFileName() + ".evoplan-fix");
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            Files.move(
                    temp,
                    file,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new InputException(
                    file.toString(), 0, "cannot write the fixed file: " + e.getMessage(), e);
        }
    }

    /** One insertion into the original text. */
    private record Insert(int offset, String text) {}

    /** The fixes of one file. */
    private static final class FileRewrite {
        private final String path;
        private final String lockTimeout;
        private final boolean assumeInTransaction;
        private final List<String> notFixed;
        private final Map<Path, Function<String, Optional<String>>> upFileWrappers;

        FileRewrite(
                String path,
                String lockTimeout,
                boolean assumeInTransaction,
                List<String> notFixed,
                Map<Path, Function<String, Optional<String>>> upFileWrappers) {
            this.path = path;
            this.lockTimeout = lockTimeout;
            this.assumeInTransaction = assumeInTransaction;
            this.notFixed = notFixed;
            this.upFileWrappers = upFileWrappers;
        }

        FileFix apply(List<Finding> findings) {
            Path file = Path.of(path);
            String name = file.getFileName().toString();
            if (!name.endsWith(".sql")) {
                findings.forEach(
                        f -> skip(f, "only SQL migration files are rewritten, not changelogs"));
                return null;
            }
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new InputException(
                        path, 0, "cannot read the file to fix: " + e.getMessage(), e);
            }
            if (text.stripLeading()
                    .toLowerCase(java.util.Locale.ROOT)
                    .startsWith("--liquibase formatted sql")) {
                findings.forEach(
                        f ->
                                skip(
                                        f,
                                        "a formatted-SQL changelog is not rewritten: change its changeset by hand"));
                return null;
            }
            List<SqlSplitter.Statement> statements = SqlSplitter.split(text, path).statements();
            int[] blockStart = explicitBlocks(statements);
            Matcher flyway = FLYWAY.matcher(name);
            boolean isFlyway = flyway.matches();
            boolean flywayNoTransaction = isFlyway && confSaysNoTransaction(file);
            String runner = runnerWrapping(file, name, isFlyway);
            List<Insert> inserts = new ArrayList<>();
            List<Integer> moved = new ArrayList<>();
            boolean lockTimeoutDone = false;
            for (Finding f : findings) {
                int index = statementAt(statements, f.origin().line(), f.origin().column());
                if (index < 0) {
                    skip(f, "no statement starts at line " + f.origin().line());
                    continue;
                }
                SqlSplitter.Statement s = statements.get(index);
                FixKind kind = FixKind.forRule(f.ruleId());
                switch (kind) {
                    case CREATE_INDEX_CONCURRENTLY, DROP_INDEX_CONCURRENTLY -> {
                        int word = wordIndex(s.tokens(), "index");
                        if (word < 0
                                || !s.tokens()
                                        .get(0)
                                        .isWord(
                                                kind == FixKind.CREATE_INDEX_CONCURRENTLY
                                                        ? "create"
                                                        : "drop")) {
                            skip(f, "not a plain CREATE/DROP INDEX statement");
                            continue;
                        }
                        if (blockStart[index] > 0) {
                            skip(
                                    f,
                                    "CONCURRENTLY cannot run inside the BEGIN ... COMMIT block opened at line "
                                            + blockStart[index]
                                            + ": move the statement out of the block by hand");
                            continue;
                        }
                        if (isFlyway && !flywayNoTransaction) {
                            moved.add(index);
                        } else if (!isFlyway && runner != null) {
                            skip(
                                    f,
                                    runner
                                            + " runs this file in one transaction, where CONCURRENTLY cannot run: "
                                            + "give the statement a migration of its own, outside a transaction");
                            continue;
                        }
                        inserts.add(new Insert(s.tokens().get(word).end(), " CONCURRENTLY"));
                    }
                    case CHECK_NOT_VALID, FOREIGN_KEY_NOT_VALID -> {
                        String validate = validateStatement(text, s);
                        if (validate == null) {
                            skip(
                                    f,
                                    "only ALTER TABLE t ADD CONSTRAINT name ... with that one action is rewritten"
                                            + " (a constraint needs its name to be validated)");
                            continue;
                        }
                        if (blockStart[index] > 0
                                || (isFlyway && !flywayNoTransaction)
                                || (!isFlyway && runner != null)) {
                            skip(
                                    f,
                                    "the file runs in one transaction, so VALIDATE would scan under the ACCESS EXCLUSIVE lock"
                                            + " the ADD holds until commit: put "
                                            + validate.strip()
                                            + " in the next migration");
                            continue;
                        }
                        Token last = s.tokens().get(s.tokens().size() - 1);
                        inserts.add(new Insert(last.end(), " NOT VALID"));
                        inserts.add(new Insert(afterSemicolon(text, last.end()), "\n" + validate));
                    }
                    case LOCK_TIMEOUT -> {
                        if (lockTimeout == null) {
                            skip(f, "--lock-timeout 0 asks for no lock_timeout");
                        } else if (!lockTimeoutDone) {
                            inserts.add(
                                    new Insert(
                                            lineStart(text, statements.get(0).offset()),
                                            "SET lock_timeout = "
                                                    + Identifiers.literal(lockTimeout)
                                                    + ";\n"));
                            lockTimeoutDone = true;
                        }
                    }
                }
            }
            if (inserts.isEmpty()) {
                return null;
            }
            List<FileFix.NewFile> added = new ArrayList<>();
            int cut = text.length();
            if (!moved.isEmpty()) {
                moved.sort(Comparator.naturalOrder());
                int first = moved.get(0);
                boolean tail = true;
                for (int i = first; i < statements.size(); i++) {
                    tail &= moved.contains(i);
                }
                String conf = path + ".conf";
                // SET statements before the index run as well outside a transaction: no need to
                // split them off.
                boolean onlySetsBefore = true;
                for (int i = 0; i < first; i++) {
                    onlySetsBefore &= statements.get(i).tokens().get(0).isWord("set");
                }
                if (!tail) {
                    // Give up the CONCURRENTLY inserts only; the other fixes of the file still
                    // stand.
                    for (int i : moved) {
                        int wordEnd =
                                statements
                                        .get(i)
                                        .tokens()
                                        .get(wordIndex(statements.get(i).tokens(), "index"))
                                        .end();
                        inserts.removeIf(
                                in -> in.offset() == wordEnd && in.text().equals(" CONCURRENTLY"));
                        notFixed.add(
                                path
                                        + ":"
                                        + statements.get(i).line()
                                        + ": "
                                        + "CONCURRENTLY: statements after it"
                                        + " must stay in the file's transaction, so the file cannot be cut in two: split it by hand");
                    }
                    moved.clear();
                } else if (onlySetsBefore && !Files.exists(Path.of(conf))) {
                    added.add(new FileFix.NewFile(conf, "executeInTransaction=false\n"));
                } else if (onlySetsBefore) {
                    for (int i : moved) {
                        notFixed.add(
                                path
                                        + ":"
                                        + statements.get(i).line()
                                        + ": CONCURRENTLY: "
                                        + conf
                                        + " exists without executeInTransaction=false: add that line to it by hand");
                    }
                    inserts.removeIf(in -> in.text().equals(" CONCURRENTLY"));
                } else {
                    String version = flyway.group(1);
                    String sep = version.contains(".") ? "." : "_";
                    String newName =
                            "V" + version + sep + "1__" + flyway.group(2) + "_concurrently.sql";
                    Path newFile = file.resolveSibling(newName);
                    if (versionTaken(file, version + sep + "1")) {
                        for (int i : moved) {
                            notFixed.add(
                                    path
                                            + ":"
                                            + statements.get(i).line()
                                            + ": CONCURRENTLY: version "
                                            + version
                                            + sep
                                            + "1 for the split is taken: split the file by hand");
                        }
                        int[] ends =
                                moved.stream()
                                        .mapToInt(
                                                i ->
                                                        statements
                                                                .get(i)
                                                                .tokens()
                                                                .get(
                                                                        wordIndex(
                                                                                statements
                                                                                        .get(i)
                                                                                        .tokens(),
                                                                                "index"))
                                                                .end())
                                        .toArray();
                        inserts.removeIf(
                                in ->
                                        in.text().equals(" CONCURRENTLY")
                                                && java.util.Arrays.stream(ends)
                                                        .anyMatch(e -> e == in.offset()));
                    } else {
                        cut = lineStart(text, statements.get(first).offset());
                        String tailText = edit(text, inserts, cut, text.length());
                        added.add(
                                new FileFix.NewFile(
                                        newFile.toString(),
                                        "-- Split from "
                                                + name
                                                + " by evoplan lint --fix: CONCURRENTLY cannot run in that file's transaction.\n"
                                                + tailText));
                        added.add(
                                new FileFix.NewFile(
                                        newFile + ".conf", "executeInTransaction=false\n"));
                    }
                }
            }
            String head = edit(text, inserts, 0, cut);
            return new FileFix(path, text, head, added);
        }

        private void skip(Finding f, String why) {
            notFixed.add(path + ":" + f.origin().line() + ": " + f.ruleId() + ": " + why);
        }

        /**
         * Who wraps the whole file in a transaction without the file saying so, or null for nobody.
         */
        private String runnerWrapping(Path file, String name, boolean isFlyway) {
            if (isFlyway) {
                return null; // handled by the split
            }
            if (name.endsWith(".up.sql")) {
                return upFileWrappers
                        .computeIfAbsent(
                                file.toAbsolutePath().getParent(), SqlSource::upFileWrappers)
                        .apply(name)
                        .orElse(null);
            }
            if (name.equals("up.sql")) {
                String meta = readOrEmpty(file.resolveSibling("metadata.toml"));
                return meta.replace(" ", "").contains("run_in_transaction=false") ? null : "diesel";
            }
            return assumeInTransaction ? "the runner (--assume-in-transaction)" : null;
        }

        private static boolean confSaysNoTransaction(Path file) {
            return readOrEmpty(file.resolveSibling(file.getFileName() + ".conf"))
                    .lines()
                    .map(l -> l.replace(" ", ""))
                    .anyMatch("executeInTransaction=false"::equals);
        }

        private static boolean versionTaken(Path file, String version) {
            Path dir = file.toAbsolutePath().getParent();
            try (var list = Files.list(dir)) {
                String wanted = version.replace('.', '_');
                return list.map(p -> FLYWAY.matcher(p.getFileName().toString()))
                        .anyMatch(m -> m.matches() && m.group(1).replace('.', '_').equals(wanted));
            } catch (IOException e) {
                return true;
            }
        }

        private static String readOrEmpty(Path p) {
            try {
                return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
            } catch (IOException e) {
                return "";
            }
        }
    }

    /**
     * {@code text[from, to)} with the inserts that fall in it applied, from the last to the first;
     * an insert at the very end of the text belongs to the part that ends there.
     */
    private static String edit(String text, List<Insert> inserts, int from, int to) {
        StringBuilder sb = new StringBuilder(text.substring(from, to));
        inserts.stream()
                .filter(i -> i.offset() >= from && (i.offset() < to || i.offset() == text.length()))
                .sorted(Comparator.comparingInt(Insert::offset).reversed())
                .forEach(i -> sb.insert(i.offset() - from, i.text()));
        return sb.toString();
    }

    /** For each statement, the line of the explicit BEGIN whose block holds it, or 0. */
    private static int[] explicitBlocks(List<SqlSplitter.Statement> statements) {
        int[] out = new int[statements.size()];
        int open = 0;
        for (int i = 0; i < statements.size(); i++) {
            List<Token> t = statements.get(i).tokens();
            Token first = t.get(0);
            boolean begin =
                    (first.isWord("begin")
                                    && (t.size() == 1
                                            || t.get(1).isWord("transaction")
                                            || t.get(1).isWord("work")))
                            || (first.isWord("start")
                                    && t.size() > 1
                                    && t.get(1).isWord("transaction"));
            boolean end =
                    first.isWord("commit")
                            || first.isWord("end")
                            || first.isWord("rollback")
                            || first.isWord("abort");
            if (begin) {
                open = first.line();
            } else if (end) {
                open = 0;
            } else {
                out[i] = open;
            }
        }
        return out;
    }

    private static int statementAt(List<SqlSplitter.Statement> statements, int line, int column) {
        for (int i = 0; i < statements.size(); i++) {
            SqlSplitter.Statement s = statements.get(i);
            if (s.line() == line && (column <= 0 || s.column() == column)) {
                return i;
            }
        }
        return -1;
    }

    private static int wordIndex(List<Token> tokens, String word) {
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).isWord(word)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@code ALTER TABLE t VALIDATE CONSTRAINT c;} for {@code ALTER TABLE [ONLY] [IF EXISTS] t ADD
     * CONSTRAINT c ...} with one action, the table spelled as written; null for any other shape.
     */
    static String validateStatement(String text, SqlSplitter.Statement s) {
        List<Token> t = s.tokens();
        if (t.size() < 6 || !t.get(0).isWord("alter") || !t.get(1).isWord("table")) {
            return null;
        }
        int i = 2;
        if (t.get(i).isWord("if") && t.get(i + 1).isWord("exists")) {
            i += 2;
        }
        if (t.get(i).isWord("only")) {
            i++;
        }
        int tableStart = i;
        int add = -1;
        int depth = 0;
        for (int k = i; k < t.size(); k++) {
            Token x = t.get(k);
            if (x.kind() == TokenKind.LEFT_PAREN) {
                depth++;
            } else if (x.kind() == TokenKind.RIGHT_PAREN) {
                depth--;
            } else if (depth == 0 && x.kind() == TokenKind.COMMA) {
                return null; // several actions: the rewrite would have to pick one
            } else if (depth == 0 && add < 0 && x.isWord("add")) {
                add = k;
            }
        }
        if (add <= tableStart || add + 2 >= t.size() || !t.get(add + 1).isWord("constraint")) {
            return null;
        }
        Token lastToken = t.get(t.size() - 1);
        if (lastToken.isWord("valid") && t.get(t.size() - 2).isWord("not")) {
            return null;
        }
        String table = text.substring(t.get(tableStart).offset(), t.get(add - 1).end());
        return "ALTER TABLE " + table + " VALIDATE CONSTRAINT " + t.get(add + 2).text() + ";";
    }

    private static int afterSemicolon(String text, int from) {
        int i = from;
        while (i < text.length()
                && Character.isWhitespace(text.charAt(i))
                && text.charAt(i) != '\n') {
            i++;
        }
        return i < text.length() && text.charAt(i) == ';' ? i + 1 : from;
    }

    private static int lineStart(String text, int offset) {
        int nl = text.lastIndexOf('\n', offset - 1);
        return nl + 1;
    }
}
