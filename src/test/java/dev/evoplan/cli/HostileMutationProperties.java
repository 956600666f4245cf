package dev.evoplan.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Mutated changelogs and SQL through the loaders and the command line: whatever the bytes, the
 * answer is exit 0, 1 or 3, an input error is one line naming the file (the line where evoplan
 * knows it; some of Liquibase's refusals carry none yet), and nothing shows a Java trace, a Java
 * name or a raw terminal control (see {@link HostileCorpusTest#assertClean}).
 */
class HostileMutationProperties {
    private static final List<String> SEEDS =
            List.of(
                    "CREATE TABLE a (id bigint PRIMARY KEY, name text NOT NULL DEFAULT E'x\\\\ty');\n"
                            + "ALTER TABLE a ADD COLUMN c int;\nCREATE INDEX a_c ON a (c);\n"
                            + "CREATE SEQUENCE s START 1 INCREMENT 2 CACHE 5;\nSELECT ((((1))));\n",
                    "databaseChangeLog:\n  - property: {name: t, value: items}\n  - changeSet:\n      id: 1\n      author: a\n"
                            + "      changes:\n        - createTable:\n            tableName: ${t}\n            columns:\n"
                            + "              - column: {name: id, type: bigint, constraints: {primaryKey: true}}\n"
                            + "  - changeSet:\n      id: 2\n      author: a\n      changes:\n        - addColumn:\n"
                            + "            tableName: ${t}\n            columns:\n              - column: {name: c, type: int}\n",
                    "<?xml version=\"1.0\"?>\n<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\">\n"
                            + "<changeSet id=\"1\" author=\"a\"><createTable tableName=\"t\"><column name=\"a\" type=\"int\"/>"
                            + "</createTable></changeSet>\n</databaseChangeLog>\n");
    private static final List<String> SUFFIXES =
            List.of("V1__m.sql", "changelog.yaml", "changelog.xml");

    /**
     * Pieces a hostile edit inserts: recursion, expansion, huge numbers, controls, unbalanced
     * quoting.
     */
    private static final List<String> PIECES =
            List.of(
                    "${t}",
                    "${x}",
                    "&a ",
                    "*a",
                    "[",
                    "]",
                    "{",
                    "(",
                    ")",
                    "'",
                    "\"",
                    "$$",
                    "/*",
                    "*/",
                    "--",
                    ";",
                    "\u001b[2J",
                    "\u0000",
                    "\u202e",
                    "99999999999999999999",
                    "-9223372036854775809",
                    "\n  - include: {file: changelog.yaml, relativeToChangelogFile: true}\n",
                    "<!DOCTYPE x [<!ENTITY e \"ee\">]>",
                    "&e;",
                    "\t",
                    "\r",
                    "é",
                    "\uFEFF",
                    "PRIMARY KEY",
                    "serial",
                    "GENERATED ALWAYS AS IDENTITY",
                    "E'\\x'");

    @Provide
    Arbitrary<Tuple.Tuple3<Integer, List<Integer>, List<String>>> mutations() {
        return Arbitraries.integers()
                .between(0, SEEDS.size() - 1)
                .flatMap(
                        seed -> {
                            int length = SEEDS.get(seed).length();
                            return Arbitraries.integers()
                                    .between(0, length)
                                    .list()
                                    .ofMinSize(1)
                                    .ofMaxSize(4)
                                    .flatMap(
                                            at ->
                                                    Arbitraries.of(PIECES)
                                                            .list()
                                                            .ofSize(at.size())
                                                            .map(
                                                                    pieces ->
                                                                            Tuple.of(
                                                                                    seed, at,
                                                                                    pieces)));
                        });
    }

    @Property(tries = 60)
    void mutatedInputsAreAnsweredCleanly(
            @ForAll("mutations") Tuple.Tuple3<Integer, List<Integer>, List<String>> m)
            throws IOException {
        StringBuilder text = new StringBuilder(SEEDS.get(m.get1()));
        List<Integer> at = m.get2().stream().sorted(java.util.Comparator.reverseOrder()).toList();
        for (int i = 0; i < at.size(); i++) {
            text.insert(Math.min(at.get(i), text.length()), m.get3().get(i));
        }
        Path dir = Files.createTempDirectory("evoplan-hostile");
        try {
            Path file = dir.resolve(SUFFIXES.get(m.get1()));
            Files.writeString(file, text);
            HostileCorpusTest.assertClean(CliRun.of("lint", file.toString()), false);
            HostileCorpusTest.assertClean(
                    CliRun.of("plan", "--from", file.toString(), "--to", file.toString()), false);
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
