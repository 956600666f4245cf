package dev.evoplan.rules;

import static dev.evoplan.rules.RuleFixtures.CUSTOMERS;
import static dev.evoplan.rules.RuleFixtures.ORDERS;
import static dev.evoplan.rules.RuleFixtures.fk;
import static dev.evoplan.rules.RuleFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.model.CheckConstraint;
import dev.evoplan.model.Column;
import dev.evoplan.model.DefaultValue;
import dev.evoplan.model.IdentityKind;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.SqlType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetadataOnlyChangeTest {
    private final ChangeRule rule = new MetadataOnlyChange();

    @Test
    void setDefaultIsABriefAccessExclusive() {
        Change set = new Change.SetDefault(ORDERS, "status", null, DefaultValue.of("'new'"));
        Finding f = only(rule.check(set, RuleFixtures.written().build()));
        assertThat(f.ruleId()).isEqualTo("metadata-only-change");
        assertThat(f.safety()).isEqualTo(Safety.SAFE);
        assertThat(f.lock()).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
        assertThat(f.what())
                .isEqualTo(
                        "SET DEFAULT on orders.status takes an ACCESS EXCLUSIVE lock on orders only for"
                                + " a catalog update, which blocks all reads and writes");
        assertThat(f.fix()).contains("lock_timeout");
    }

    @Test
    void droppingASequenceSaysItsValueIsLostAndDroppingAKeySaysItsIndexGoes() {
        JudgeContext ctx = RuleFixtures.planned().build();
        Finding sequence =
                only(
                        rule.check(
                                new Change.DropSequence(
                                        dev.evoplan.model.Sequence.of(
                                                dev.evoplan.model.QualifiedName.of(
                                                        "order_numbers"))),
                                ctx));
        assertThat(sequence.why()).contains("current value is lost for good");
        Finding unique =
                only(
                        rule.check(
                                new Change.DropUnique(
                                        ORDERS,
                                        new dev.evoplan.model.UniqueConstraint(
                                                "orders_code_key",
                                                java.util.List.of("code"),
                                                false)),
                                ctx));
        assertThat(unique.why()).contains("unique index goes with it");
        Finding comment =
                only(rule.check(new Change.SetColumnComment(ORDERS, "status", null, "x"), ctx));
        assertThat(comment.why()).doesNotContain("index goes").doesNotContain("value is lost");
    }

    @ParameterizedTest(name = "ALTER INDEX RENAME on PG {0} takes {1}")
    @CsvSource({
        "10, ACCESS_EXCLUSIVE",
        "11, ACCESS_EXCLUSIVE",
        "12, SHARE_UPDATE_EXCLUSIVE",
        "18, SHARE_UPDATE_EXCLUSIVE",
    })
    void renameIndexLockDependsOnVersion(int pg, LockLevel lock) {
        Change rename = new Change.RenameIndex(ORDERS, "orders_a_idx", "orders_b_idx");
        Finding f = only(rule.check(rename, RuleFixtures.written().pg(pg).build()));
        assertThat(f.safety()).isEqualTo(Safety.SAFE);
        assertThat(f.lock()).isEqualTo(lock);
        assertThat(f.what()).contains(lock.sqlName()).contains("on the index");
    }

    @Test
    void eachBriefChangeNamesItsOwnLock() {
        JudgeContext ctx = RuleFixtures.planned().build();
        assertThat(
                        only(rule.check(
                                        new Change.SetColumnComment(ORDERS, "status", null, "x"),
                                        ctx))
                                .lock())
                .isEqualTo(LockLevel.SHARE_UPDATE_EXCLUSIVE);
        assertThat(
                        only(rule.check(
                                        new Change.CreateTable(
                                                dev.evoplan.model.Table.empty(
                                                        RuleFixtures.INVOICES)),
                                        ctx))
                                .lock())
                .isEqualTo(LockLevel.NONE);
        Finding validate =
                only(
                        rule.check(
                                new Change.ValidateForeignKey(
                                        ORDERS,
                                        fk(
                                                "orders_customer_id_fkey",
                                                "customer_id",
                                                CUSTOMERS,
                                                true)),
                                ctx));
        assertThat(validate.lock()).isEqualTo(LockLevel.SHARE_UPDATE_EXCLUSIVE);
        assertThat(validate.what())
                .contains("for the whole scan")
                .contains("reads and writes go on")
                .contains("ROW SHARE");
        Finding notValid =
                only(
                        rule.check(
                                new Change.AddForeignKey(
                                        ORDERS,
                                        fk(
                                                "orders_customer_id_fkey",
                                                "customer_id",
                                                CUSTOMERS,
                                                false)),
                                ctx));
        assertThat(notValid.lock()).isEqualTo(LockLevel.SHARE_ROW_EXCLUSIVE);
        assertThat(notValid.what()).contains("on orders and on customers").contains("NOT VALID");
        Finding widen =
                only(
                        rule.check(
                                new Change.AlterColumnType(
                                        ORDERS,
                                        "email",
                                        SqlType.parse("varchar(50)"),
                                        SqlType.parse("varchar(100)"),
                                        null),
                                ctx));
        assertThat(widen.what())
                .contains("binary-compatible")
                .contains("the length limit only grows");
        Finding check =
                only(
                        rule.check(
                                new Change.AddCheck(
                                        ORDERS, new CheckConstraint("c", "total > 0", false)),
                                ctx));
        assertThat(check.what()).contains("NOT VALID");
    }

    @Test
    void addingANullableColumnIsACatalogUpdate() {
        Change add = RuleFixtures.addColumn(Column.of("note", SqlType.of("text"), true));
        Finding f = only(rule.check(add, RuleFixtures.written().build()));
        assertThat(f.what())
                .startsWith("ADD COLUMN orders.note takes an ACCESS EXCLUSIVE lock")
                .contains("no row is rewritten");
    }

    // ALTER_IDENTITY is brief only for an identity kept on both sides that cannot refuse a value
    // (ColumnCollationAndIdentityTest): adding or dropping one stays out.
    @Test
    void anIdentityAddedOrDroppedIsNotBrief() {
        JudgeContext ctx = RuleFixtures.written().pg(16).build();
        QualifiedName t = QualifiedName.parse("t");
        assertThat(
                        rule.check(
                                new Change.AlterIdentity(
                                        t, "id", IdentityKind.NONE, IdentityKind.ALWAYS),
                                ctx))
                .isEmpty();
        assertThat(
                        rule.check(
                                new Change.AlterIdentity(
                                        t, "id", IdentityKind.ALWAYS, IdentityKind.NONE),
                                ctx))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0} is not a known brief change")
    @CsvSource({
        "CREATE_INDEX",
        "DROP_INDEX",
        "ADD_UNIQUE",
        "ADD_PRIMARY_KEY",
        "DROP_COLUMN",
        "RENAME_COLUMN",
        "RENAME_TABLE",
        "DROP_TABLE",
        "DROP_FOREIGN_KEY",
        "DATA_CHANGE"
    })
    void hazardousKindsAreNotCoveredByTheFallback(Change.Kind kind) {
        assertThat(rule.appliesTo(kind)).isFalse();
    }

    /** Of the opaque changes, only a named schema created or dropped empty is brief. */
    @Test
    void anOpaqueChangeIsBriefOnlyWhenItIsANamedSchema() {
        JudgeContext ctx = RuleFixtures.planned().build();
        assertThat(rule.check(new Change.Opaque("sql", "UPDATE orders SET x = 1"), ctx)).isEmpty();
        assertThat(
                        rule.check(
                                new Change.Opaque(
                                        "schema",
                                        "added schema app",
                                        new Change.Opaque.NamedSchema("app", false)),
                                ctx))
                .singleElement()
                .extracting(Finding::lock)
                .isEqualTo(LockLevel.NONE);
    }

    @Test
    void neverCallsARewriteOrScanOfABriefKindSafe() {
        JudgeContext ctx = RuleFixtures.written().pg(16).build();
        assertThat(
                        rule.check(
                                new Change.AlterColumnType(
                                        ORDERS,
                                        "id",
                                        SqlType.of("integer"),
                                        SqlType.of("bigint"),
                                        null),
                                ctx))
                .isEmpty();
        assertThat(
                        rule.check(
                                new Change.AddCheck(
                                        ORDERS, new CheckConstraint("c", "total > 0", true)),
                                ctx))
                .isEmpty();
        assertThat(
                        rule.check(
                                new Change.AddForeignKey(
                                        ORDERS, fk("f", "customer_id", CUSTOMERS, true)),
                                ctx))
                .isEmpty();
        assertThat(rule.check(new Change.SetNotNull(ORDERS, "customer_id"), ctx)).isEmpty();
        assertThat(
                        rule.check(
                                RuleFixtures.addColumn(
                                        Column.of("t", SqlType.of("uuid"), true)
                                                .withDefault(DefaultValue.of("gen_random_uuid()"))),
                                ctx))
                .isEmpty();
        assertThat(
                        rule.check(
                                RuleFixtures.addColumn(
                                        Column.of("s", SqlType.of("text"), true)
                                                .withDefault(DefaultValue.of("'x'"))),
                                RuleFixtures.written().pg(10).build()))
                .isEmpty();
        assertThat(
                        rule.check(
                                new Change.AddEnumValue(
                                        dev.evoplan.model.QualifiedName.of("s"), "v", null),
                                RuleFixtures.written().pg(11).build()))
                .isEmpty();
        // The same kinds, when brief, are accepted.
        assertThat(rule.check(new Change.SetNotNull(ORDERS, "status"), ctx)).hasSize(1);
        assertThat(
                        rule.check(
                                new Change.AddEnumValue(
                                        dev.evoplan.model.QualifiedName.of("s"), "v", null),
                                ctx))
                .hasSize(1);
    }

    @Test
    void refusesAChangeItDoesNotCover() {
        Change identity =
                new Change.AlterIdentity(
                        ORDERS, "id", IdentityKind.BY_DEFAULT, IdentityKind.ALWAYS);
        assertThat(rule.check(identity, RuleFixtures.written().build())).isEmpty();
    }
}
