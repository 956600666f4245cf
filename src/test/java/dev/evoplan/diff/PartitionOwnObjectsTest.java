package dev.evoplan.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Schema;
import dev.evoplan.source.sql.SqlSource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a partition has of its own (docs/partitioning.md): its indexes, keys and foreign keys are
 * diffed as an ordinary table's, and what PostgreSQL would do otherwise than the plan is kept for
 * review.
 */
class PartitionOwnObjectsTest {
    private static final String BASE =
            """
            CREATE TABLE sales (id bigint NOT NULL, shop text NOT NULL, sku text)
                PARTITION BY LIST (shop);
            CREATE TABLE sales_a PARTITION OF sales FOR VALUES IN ('a');
            CREATE TABLE sales_b PARTITION OF sales FOR VALUES IN ('b');
            CREATE TABLE skus (code text PRIMARY KEY);
            """;

    private static final QualifiedName SALES_A = QualifiedName.of("sales_a");

    private static Schema sql(String text) {
        return SqlSource.loadFile("s.sql", "s.sql", text.getBytes(StandardCharsets.UTF_8)).schema();
    }

    private static List<Change> diff(String from, String to) {
        return SchemaDiffer.diff(sql(BASE + from), sql(BASE + to));
    }

    /** A partition's own key added NOT VALID and validated later is a VALIDATE, as on a table. */
    @Test
    void aPartitionsOwnForeignKeyValidatedIsValidateConstraint() {
        String key =
                "ALTER TABLE sales_a ADD CONSTRAINT sales_a_sku_fkey"
                        + " FOREIGN KEY (sku) REFERENCES skus (code)";
        assertThat(diff(key + " NOT VALID;", key + ";"))
                .extracting(Change::kind)
                .containsExactly(Change.Kind.VALIDATE_FOREIGN_KEY);
    }

    /**
     * A foreign key onto a partition that replaces a relation of its name (kept for review) is for
     * review with it: planned alone it was added while the old relation, and the old key of that
     * name, were still there.
     */
    @Test
    void aForeignKeyOntoAPartitionReplacingARelationIsForReviewWithIt() {
        String old =
                """
                CREATE TABLE stock (shop text NOT NULL, sku text NOT NULL) PARTITION BY LIST (shop);
                CREATE TABLE stock_a PARTITION OF stock (sku NOT NULL) FOR VALUES IN ('a');
                CREATE UNIQUE INDEX stock_a_sku_idx ON stock_a (sku);
                """;
        String now =
                """
                CREATE TABLE stock (shop text NOT NULL, sku text NOT NULL) PARTITION BY LIST (shop);
                CREATE TABLE stock_a PARTITION OF stock FOR VALUES IN ('a');
                CREATE UNIQUE INDEX stock_a_sku_idx ON stock_a (sku);
                ALTER TABLE sales_a ADD CONSTRAINT sales_a_sku_fkey
                    FOREIGN KEY (sku) REFERENCES stock_a (sku);
                """;
        List<Change> changes = diff(old, now);
        assertThat(changes).noneMatch(c -> c instanceof Change.AddForeignKey);
        assertThat(changes)
                .anySatisfy(
                        c ->
                                assertThat(c)
                                        .isInstanceOfSatisfying(
                                                Change.Opaque.class,
                                                o ->
                                                        assertThat(o.text())
                                                                .contains("sales_a_sku_fkey")
                                                                .contains(
                                                                        "depends on partition stock_a")));
        // The same key onto a plain partition that was there before is planned.
        assertThat(diff(now.replace("ALTER TABLE sales_a", "-- ").split("-- ")[0], now))
                .anyMatch(c -> c instanceof Change.AddForeignKey);
    }

    @Test
    void aPartitionsOwnIndexesKeysAndForeignKeysAreTypedChangesOnThePartition() {
        List<Change> changes =
                diff(
                        "CREATE INDEX sales_a_old_idx ON sales_a (sku);",
                        """
                        CREATE UNIQUE INDEX CONCURRENTLY sales_a_sku_idx ON sales_a (sku);
                        ALTER TABLE sales_a ADD PRIMARY KEY (id);
                        ALTER TABLE sales_b ADD CONSTRAINT sales_b_sku_fkey
                            FOREIGN KEY (sku) REFERENCES skus (code);
                        """);

        assertThat(changes)
                .extracting(Change::kind, Change::table)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(Change.Kind.DROP_INDEX, SALES_A),
                        org.assertj.core.groups.Tuple.tuple(Change.Kind.CREATE_INDEX, SALES_A),
                        org.assertj.core.groups.Tuple.tuple(Change.Kind.ADD_PRIMARY_KEY, SALES_A),
                        org.assertj.core.groups.Tuple.tuple(
                                Change.Kind.ADD_FOREIGN_KEY, QualifiedName.of("sales_b")));
        assertThat(changes)
                .filteredOn(c -> c instanceof Change.AddPrimaryKey)
                .extracting(c -> ((Change.AddPrimaryKey) c).primaryKey().name())
                .containsExactly("sales_a_pkey");
    }

    @Test
    void theSameOwnObjectsOnBothSidesAreNoChange() {
        String own =
                """
                CREATE INDEX sales_a_sku_idx ON sales_a (sku);
                ALTER TABLE sales_b ADD CONSTRAINT sales_b_key UNIQUE (id, shop);
                """;
        assertThat(diff(own, own)).isEmpty();
    }

    @Test
    void aNewPartitionWithAKeyOnTheColumnsOfAParentIndexIsForReview() {
        String index = "CREATE UNIQUE INDEX sales_id_uidx ON sales (id, shop);";
        String to =
                index
                        + " CREATE TABLE sales_c PARTITION OF sales (PRIMARY KEY (id, shop))"
                        + " FOR VALUES IN ('c');";
        assertThat(diff(index, to)).singleElement().isInstanceOf(Change.Opaque.class);
        assertThat(diff("", to.replace(index, "")))
                .singleElement()
                .isInstanceOf(Change.CreateObject.class);
    }

    @Test
    void aNewPartitionWithAnIndexOfItsOwnIsCreatedWithIt() {
        String to =
                """
                CREATE TABLE sales_c PARTITION OF sales FOR VALUES IN ('c');
                CREATE INDEX sales_c_sku_idx ON sales_c (sku);
                """;
        assertThat(diff("", to))
                .singleElement()
                .isInstanceOfSatisfying(
                        Change.CreateObject.class,
                        c ->
                                assertThat(((dev.evoplan.model.Partition) c.object()).indexes())
                                        .hasSize(1));
    }

    @Test
    void aParentKeyOnTheColumnsOfAPartitionsOwnKeyIsForReview() {
        String own = "ALTER TABLE sales_a ADD CONSTRAINT sales_a_id_key UNIQUE (id, shop);";
        List<Change> changes =
                diff(own, own + " ALTER TABLE sales ADD CONSTRAINT sales_key UNIQUE (id, shop);");
        assertThat(changes).singleElement().isInstanceOf(Change.Opaque.class);
    }

    @Test
    void attachingAPartitionsOwnKeyToTheParentsKeyIsNotModelled() {
        String keys =
                """
                ALTER TABLE ONLY sales ADD CONSTRAINT sales_key UNIQUE (id, shop);
                CREATE UNIQUE INDEX sales_a_key ON sales_a (id, shop);
                ALTER TABLE sales_a ADD CONSTRAINT sales_a_key UNIQUE USING INDEX sales_a_key;
                """;
        assertThat(sql(BASE + keys).unmodelled()).isEmpty();
        Schema s = sql(BASE + keys + "ALTER INDEX sales_key ATTACH PARTITION sales_a_key;");
        assertThat(s.unmodelled()).isNotEmpty();
    }
}
