package dev.evoplan.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Every rule evoplan knows, sorted by code, with its documentation page. */
public final class RuleCatalogue {
    private static final List<Rule> ALL =
            Stream.<Rule>of(
                            new MetadataOnlyChange(),
                            new UnjudgedChange(),
                            new OpaqueChangeNeedsReview(),
                            new ChangeOnNewTable(),
                            new CreateIndexNonConcurrent(),
                            new DropIndexNonConcurrent(),
                            new AddUniqueBuildsIndexInPlace(),
                            new AddPrimaryKeyBuildsIndexInPlace(),
                            new AddColumnVolatileDefaultRewrites(),
                            new AddColumnDefaultRewritesBeforePg11(),
                            new AddColumnNotNullWithoutDefaultFails(),
                            new AddColumnIdentityOrGeneratedRewrites(),
                            new DropColumnBreaksRunningCode(),
                            new DropExtensionBreaksRunningCode(),
                            new RenameColumnBreaksRunningCode(),
                            new RenameTableBreaksRunningCode(),
                            new ChangeColumnTypeRewrites(),
                            new SetNotNullScansTable(),
                            new AddCheckScansTable(),
                            new AddForeignKeyScansBothTables(),
                            new DropTableLosesData(),
                            new DropSequenceLosesValue(),
                            new IdentityChangeBreaksInserts(),
                            new DropRoutineBreaksRunningCode(),
                            new RenameRoutineBreaksRunningCode(),
                            new DataChangeUnbatched(),
                            new EnumAddValueInTransactionBeforePg12(),
                            new DropForeignKeyLocksBothTables(),
                            new ConcurrentlyInTransaction(),
                            new TableRewriteStatement(),
                            new ReindexNonConcurrent(),
                            new RefreshMaterializedViewBlocksReads(),
                            new TruncateTable(),
                            new VacuumInTransaction(),
                            new ChangesetHoldsLockUntilCommit(),
                            new StrongLockWithoutLockTimeout(),
                            new TransactionBlockUnbalanced(),
                            new SuppressionWithoutReason(),
                            new SuppressionUnused(),
                            new RanChangesetEdited(),
                            new RanChangesetRemoved(),
                            new ChangesetOutOfOrder(),
                            new ChangesetIdDuplicated(),
                            new FlywayMixedTransaction(),
                            new KnownLockStatement(),
                            new AddDomainConstraintScansColumns(),
                            new DropDatabaseInMigration(),
                            new RenameEnumValueBreaksRunningCode(),
                            new StatementNeedsNewerPostgres(),
                            new IntegerPrimaryKey(),
                            new TimestampWithoutTimeZone(),
                            new TableWithoutTimestamps(),
                            new NullableColumnWithoutReason(),
                            new StatusColumnWithoutCheck(),
                            new AnonymousConstraint(),
                            new Varchar255(),
                            new ForeignKeyWithoutIndex(),
                            new ForeignKeyWithoutOnDelete(),
                            new TableWithoutPrimaryKey(),
                            new PiiColumnWithoutComment(),
                            new HardDeleteOnStatusTable(),
                            new JsonInsteadOfJsonb())
                    .sorted(Comparator.comparing(r -> r.info().code()))
                    .toList();

    private static final Map<String, RuleInfo> BY_ID =
            ALL.stream().collect(Collectors.toUnmodifiableMap(r -> r.info().id(), Rule::info));

    private RuleCatalogue() {}

    /** The catalogued rules of one type (what they judge), sorted by code. */
    static <T extends Rule> List<T> ofType(Class<T> type) {
        return ALL.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The catalogued change rules with that role, sorted by code. */
    static List<ChangeRule> withRole(RuleInfo.Role role) {
        return ofType(ChangeRule.class).stream().filter(r -> r.info().role() == role).toList();
    }

    /** The one catalogued change rule with that role (the precedence rule, each fallback). */
    static ChangeRule theOne(RuleInfo.Role role) {
        List<ChangeRule> rules = withRole(role);
        if (rules.size() != 1) {
            throw new IllegalStateException(
                    "the catalogue holds " + rules.size() + " rules with role " + role);
        }
        return rules.get(0);
    }

    /**
     * Whether the rule that made {@code finding} has {@code trait}: how a rule that reads other
     * rules' findings (EP301, EP302) asks what they mean. False for a finding of no catalogued
     * rule.
     */
    static boolean madeWith(Finding finding, RuleInfo.Trait trait) {
        RuleInfo info = BY_ID.get(finding.ruleId());
        return info != null && info.has(trait);
    }

    /**
     * Whether {@code finding} is about a changeset databases already ran (edited or removed), not
     * about one the change adds.
     */
    public static boolean aboutRanChangeset(Finding finding) {
        return madeWith(finding, RuleInfo.Trait.ABOUT_RAN_CHANGESETS);
    }

    /** All rules, sorted by code. */
    public static List<Rule> all() {
        return ALL;
    }

    /** The rule with that kebab-case id. */
    public static Optional<Rule> byId(String id) {
        return ALL.stream().filter(r -> r.info().id().equals(id)).findFirst();
    }

    /**
     * The rule with that kebab-case id or that code ({@code EP101}, any case), as a suppression
     * names it.
     */
    public static Optional<Rule> byIdOrCode(String idOrCode) {
        String wanted = idOrCode == null ? "" : idOrCode.strip();
        return ALL.stream()
                .filter(
                        r ->
                                r.info().id().equals(wanted)
                                        || r.info().code().equalsIgnoreCase(wanted))
                .findFirst();
    }

    /**
     * The Markdown page {@code rules/<id>.md} explaining the rule.
     *
     * @throws IllegalArgumentException when no rule has that id
     * @throws IllegalStateException when the rule has no page on the classpath (a build error)
     */
    public static String doc(String id) {
        if (byId(id).isEmpty()) {
            throw new IllegalArgumentException("no rule " + id);
        }
        String path = "rules/" + id + ".md";
        try (InputStream in = RuleCatalogue.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(
                        "rule " + id + " has no documentation page " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
