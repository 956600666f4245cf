package dev.evoplan.rules;

import static dev.evoplan.rules.RuleFixtures.CUSTOMERS;
import static dev.evoplan.rules.RuleFixtures.ORDERS;
import static dev.evoplan.rules.RuleFixtures.fk;
import static dev.evoplan.rules.RuleFixtures.index;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.model.CheckConstraint;
import dev.evoplan.model.Column;
import dev.evoplan.model.DefaultValue;
import dev.evoplan.model.EnumType;
import dev.evoplan.model.IdentityKind;
import dev.evoplan.model.PrimaryKey;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Sequence;
import dev.evoplan.model.SqlType;
import dev.evoplan.model.Table;
import dev.evoplan.model.UniqueConstraint;
import dev.evoplan.model.View;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class JudgeTest {
    private static final QualifiedName SEQ = QualifiedName.of("orders_number_seq");
    private static final QualifiedName VIEW = QualifiedName.of("open_orders");
    private static final QualifiedName STATUS = QualifiedName.of("order_status");

    /** One change of each kind; a switch without default, so a new kind must be added here. */
    static Change sample(Change.Kind kind) {
        Column note = Column.of("note", SqlType.of("text"), true);
        View view = new View(VIEW, "SELECT * FROM orders WHERE status = 'open'", false);
        return switch (kind) {
            case CREATE_TABLE -> new Change.CreateTable(Table.empty(RuleFixtures.INVOICES));
            case DROP_TABLE -> new Change.DropTable(RuleFixtures.shop().tables().get(ORDERS));
            case RENAME_TABLE -> new Change.RenameTable(ORDERS, QualifiedName.of("purchases"));
            case SET_TABLE_COMMENT -> new Change.SetTableComment(ORDERS, null, "orders placed");
            case ADD_COLUMN -> new Change.AddColumn(ORDERS, note);
            case DROP_COLUMN -> new Change.DropColumn(ORDERS, note);
            case RENAME_COLUMN -> new Change.RenameColumn(ORDERS, "email", "contact_email");
            case ALTER_COLUMN_TYPE ->
                    new Change.AlterColumnType(
                            ORDERS,
                            "total",
                            SqlType.parse("numeric(10,2)"),
                            SqlType.parse("numeric(14,4)"),
                            null);
            case SET_NOT_NULL -> new Change.SetNotNull(ORDERS, "customer_id");
            case DROP_NOT_NULL -> new Change.DropNotNull(ORDERS, "id");
            case SET_DEFAULT ->
                    new Change.SetDefault(ORDERS, "status", null, DefaultValue.of("'open'"));
            case DROP_DEFAULT ->
                    new Change.DropDefault(ORDERS, "status", DefaultValue.of("'open'"));
            case ALTER_IDENTITY ->
                    new Change.AlterIdentity(ORDERS, "id", IdentityKind.NONE, IdentityKind.ALWAYS);
            case SET_COLUMN_COMMENT -> new Change.SetColumnComment(ORDERS, "email", null, "PII");
            case ADD_PRIMARY_KEY ->
                    new Change.AddPrimaryKey(ORDERS, new PrimaryKey("orders_pkey", List.of("id")));
            case DROP_PRIMARY_KEY ->
                    new Change.DropPrimaryKey(ORDERS, new PrimaryKey("orders_pkey", List.of("id")));
            case ADD_UNIQUE ->
                    new Change.AddUnique(
                            ORDERS,
                            new UniqueConstraint("orders_email_key", List.of("email"), false));
            case DROP_UNIQUE ->
                    new Change.DropUnique(
                            ORDERS,
                            new UniqueConstraint("orders_email_key", List.of("email"), false));
            case ADD_CHECK ->
                    new Change.AddCheck(
                            ORDERS, new CheckConstraint("orders_total_check", "total >= 0", true));
            case DROP_CHECK ->
                    new Change.DropCheck(
                            ORDERS, new CheckConstraint("orders_total_check", "total >= 0", true));
            case VALIDATE_CHECK ->
                    new Change.ValidateCheck(
                            ORDERS, new CheckConstraint("orders_total_check", "total >= 0", true));
            case ADD_FOREIGN_KEY ->
                    new Change.AddForeignKey(
                            ORDERS, fk("orders_customer_id_fkey", "customer_id", CUSTOMERS, true));
            case DROP_FOREIGN_KEY ->
                    new Change.DropForeignKey(
                            ORDERS, fk("orders_customer_id_fkey", "customer_id", CUSTOMERS, true));
            case VALIDATE_FOREIGN_KEY ->
                    new Change.ValidateForeignKey(
                            ORDERS, fk("orders_customer_id_fkey", "customer_id", CUSTOMERS, true));
            case CREATE_INDEX ->
                    new Change.CreateIndex(index("orders_status_idx", ORDERS, false, "status"));
            case DROP_INDEX ->
                    new Change.DropIndex(index("orders_status_idx", ORDERS, false, "status"));
            case RENAME_INDEX ->
                    new Change.RenameIndex(ORDERS, "orders_status_idx", "orders_state_idx");
            case CREATE_SEQUENCE -> new Change.CreateSequence(Sequence.of(SEQ));
            case DROP_SEQUENCE -> new Change.DropSequence(Sequence.of(SEQ));
            case ALTER_SEQUENCE -> new Change.AlterSequence(Sequence.of(SEQ), Sequence.of(SEQ));
            case RENAME_SEQUENCE ->
                    new Change.RenameSequence(SEQ, QualifiedName.of("order_numbers"));
            case CREATE_ENUM ->
                    new Change.CreateEnum(new EnumType(STATUS, List.of("open", "paid")));
            case DROP_ENUM -> new Change.DropEnum(new EnumType(STATUS, List.of("open", "paid")));
            case ADD_ENUM_VALUE -> new Change.AddEnumValue(STATUS, "refunded", "paid");
            case CREATE_VIEW -> new Change.CreateView(view);
            case DROP_VIEW -> new Change.DropView(view);
            case REPLACE_VIEW -> new Change.ReplaceView(view, view);
            case RENAME_VIEW -> new Change.RenameView(VIEW, QualifiedName.of("orders_open"));
            case CREATE_EXTENSION ->
                    new Change.CreateExtension(new dev.evoplan.model.Extension("pg_trgm", null));
            case DROP_EXTENSION ->
                    new Change.DropExtension(new dev.evoplan.model.Extension("pg_trgm", null));
            case CREATE_OBJECT ->
                    new Change.CreateObject(
                            new dev.evoplan.model.Policy(
                                    ORDERS, "own", true, null, List.of(), "true", null));
            case ALTER_OBJECT ->
                    new Change.AlterObject(
                            new dev.evoplan.model.Policy(
                                    ORDERS, "own", true, null, List.of(), "true", null),
                            new dev.evoplan.model.Policy(
                                    ORDERS, "own", true, null, List.of(), "false", null));
            case DROP_OBJECT ->
                    new Change.DropObject(
                            new dev.evoplan.model.Policy(
                                    ORDERS, "own", true, null, List.of(), "true", null));
            case DATA_CHANGE -> new Change.DataChange(ORDERS, "update", "set status");
            case MAINTENANCE ->
                    new Change.Maintenance(
                            QualifiedName.of("orders"),
                            Change.Maintenance.Operation.CLUSTER,
                            false,
                            "CLUSTER orders");
            case OPAQUE -> new Change.Opaque("sql", "VACUUM FULL orders");
        };
    }

    static Stream<Arguments> everyKindModeAndVersion() {
        return Stream.of(Change.Kind.values())
                .flatMap(
                        kind ->
                                Stream.of("written", "planned")
                                        .flatMap(
                                                mode ->
                                                        Stream.of(10, 11, 12, 16, 17, 18)
                                                                .map(
                                                                        pg ->
                                                                                Arguments.of(
                                                                                        kind, mode,
                                                                                        pg))));
    }

    @ParameterizedTest(name = "{0} {1} on PG {2}")
    @MethodSource("everyKindModeAndVersion")
    void neverReturnsAnEmptyListAndEveryFindingIsAboutTheChange(
            Change.Kind kind, String mode, int pg) {
        Change change = sample(kind);
        for (JudgeContext ctx :
                List.of(
                        RuleFixtures.context(mode).pg(pg).build(),
                        RuleFixtures.context(mode)
                                .pg(pg)
                                .rows(ORDERS, 10)
                                .rows(CUSTOMERS, 10)
                                .build(),
                        RuleFixtures.context(mode).pg(pg).fresh(ORDERS).build())) {
            List<Finding> findings = Judge.judge(change, ctx);
            assertThat(findings).as("%s %s pg%d", kind, mode, pg).isNotEmpty();
            assertThat(findings)
                    .allSatisfy(
                            f -> {
                                assertThat(f.change()).isSameAs(change);
                                assertThat(RuleCatalogue.byId(f.ruleId())).isPresent();
                                assertThat(f.what()).isNotBlank();
                                assertThat(f.why()).isNotBlank();
                                assertThat(f.fix()).isNotBlank();
                            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Change.Kind.class)
    void fallbacksAppearOnlyAlone(Change.Kind kind) {
        List<Finding> findings = Judge.judge(sample(kind), RuleFixtures.written().build());
        Set<String> fallbacks = Set.of("metadata-only-change", "unjudged-change");
        if (findings.stream().anyMatch(f -> fallbacks.contains(f.ruleId()))) {
            assertThat(findings).hasSize(1);
        }
    }

    @Test
    void unknownKindsGiveUnjudgedChange() {
        List<Finding> findings =
                Judge.judge(sample(Change.Kind.ALTER_IDENTITY), RuleFixtures.planned().build());
        assertThat(findings).extracting(Finding::ruleId).containsExactly("unjudged-change");
        assertThat(findings.get(0).safety()).isEqualTo(Safety.NEEDS_REVIEW);
    }

    @Test
    void briefKindsGiveMetadataOnlyChange() {
        for (Change.Kind kind :
                List.of(
                        Change.Kind.SET_DEFAULT,
                        Change.Kind.DROP_NOT_NULL,
                        Change.Kind.CREATE_VIEW,
                        Change.Kind.RENAME_INDEX,
                        Change.Kind.VALIDATE_CHECK,
                        Change.Kind.CREATE_SEQUENCE)) {
            assertThat(Judge.judge(sample(kind), RuleFixtures.written().build()))
                    .as(kind.name())
                    .extracting(Finding::ruleId, Finding::safety)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(
                                    "metadata-only-change", Safety.SAFE));
        }
    }

    @Test
    void binaryCompatibleWideningFallsToMetadataOnly() {
        Change widen =
                new Change.AlterColumnType(
                        ORDERS, "email", SqlType.parse("varchar(50)"), SqlType.parse("text"), null);
        assertThat(Judge.judge(widen, RuleFixtures.written().build()))
                .extracting(Finding::ruleId)
                .containsExactly("metadata-only-change");
        Change narrow =
                new Change.AlterColumnType(
                        ORDERS, "email", SqlType.parse("text"), SqlType.parse("varchar(50)"), null);
        assertThat(Judge.judge(narrow, RuleFixtures.written().build()))
                .extracting(Finding::ruleId)
                .containsExactly("change-column-type-rewrites");
    }

    @Test
    void enumValueOnTwelvePlusIsABriefCatalogUpdate() {
        assertThat(
                        Judge.judge(
                                sample(Change.Kind.ADD_ENUM_VALUE),
                                RuleFixtures.written().pg(12).build()))
                .extracting(Finding::ruleId)
                .containsExactly("metadata-only-change");
        assertThat(
                        Judge.judge(
                                sample(Change.Kind.ADD_ENUM_VALUE),
                                RuleFixtures.written().pg(11).build()))
                .extracting(Finding::ruleId)
                .containsExactly("enum-add-value-in-transaction-before-pg12");
    }

    @Test
    void fastDefaultFrom11() {
        Change add =
                new Change.AddColumn(
                        ORDERS,
                        Column.of("state", SqlType.of("text"), false)
                                .withDefault(DefaultValue.of("'open'")));
        assertThat(Judge.judge(add, RuleFixtures.written().pg(10).build()))
                .extracting(Finding::ruleId)
                .containsExactly("add-column-default-rewrites-before-pg11");
        assertThat(Judge.judge(add, RuleFixtures.written().pg(11).build()))
                .extracting(Finding::ruleId)
                .containsExactly("metadata-only-change");
    }

    @Test
    void opaqueChangesNeedReview() {
        assertThat(Judge.judge(sample(Change.Kind.OPAQUE), RuleFixtures.written().build()))
                .extracting(Finding::ruleId, Finding::safety)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "opaque-change-needs-review", Safety.NEEDS_REVIEW));
    }

    @Test
    void originAndWrittenSqlComeFromTheSource() {
        JudgeContext ctx =
                RuleFixtures.written()
                        .source(
                                RuleFixtures.source(
                                        "createIndex",
                                        "CREATE INDEX orders_status_idx ON orders(status)"))
                        .build();
        Finding f = Judge.judge(sample(Change.Kind.CREATE_INDEX), ctx).get(0);
        assertThat(f.origin()).isEqualTo(RuleFixtures.ORIGIN);
        assertThat(f.writtenSql())
                .containsExactly("CREATE INDEX orders_status_idx ON orders(status)");
        Finding planned =
                Judge.judge(sample(Change.Kind.CREATE_INDEX), RuleFixtures.planned().build())
                        .get(0);
        assertThat(planned.writtenSql()).isEmpty();
        assertThat(planned.origin()).isEqualTo(dev.evoplan.model.Origin.UNKNOWN);
    }
}
