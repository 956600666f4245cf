package dev.evoplan.verify;

import static dev.evoplan.verify.SeederTest.exec;
import static dev.evoplan.verify.SeederTest.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Schema;
import dev.evoplan.source.jdbc.CatalogReader;
import dev.evoplan.testing.PostgresServers;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Seeding with plain indexes and foreign keys built after the data: the catalog comes back as it
 * was, and every seeded row is checked against every constraint.
 */
@Tag("postgres")
class BuiltAfterSeedingTest {
    private static final String SCHEMA =
            """
            CREATE SCHEMA shop;
            CREATE TABLE shop.customer (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                email varchar(60) NOT NULL UNIQUE, tier text NOT NULL CHECK (tier IN ('free', 'paid')));
            CREATE TABLE shop."Order" (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                customer_id bigint NOT NULL, placed_at timestamptz NOT NULL,
                qty int NOT NULL CHECK (qty > 0), note text, status text NOT NULL CHECK (status IN ('new', 'paid')));
            ALTER TABLE shop."Order" ADD CONSTRAINT "fk Order customer" FOREIGN KEY (customer_id)
                REFERENCES shop.customer (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED;
            COMMENT ON CONSTRAINT "fk Order customer" ON shop."Order" IS 'every order has a buyer';
            CREATE INDEX "idx Order customer" ON shop."Order" (customer_id, placed_at DESC) WITH (fillfactor = 70);
            COMMENT ON INDEX shop."idx Order customer" IS 'orders of a customer, newest first';
            CLUSTER shop."Order" USING "idx Order customer";
            CREATE INDEX idx_order_paid ON shop."Order" (placed_at) WHERE status = 'paid';
            CREATE INDEX idx_order_note ON shop."Order" (lower(note));
            CREATE TABLE shop.refund (id int PRIMARY KEY, order_id bigint REFERENCES shop."Order" (id));
            ALTER TABLE shop.refund ADD CONSTRAINT fk_refund_order_later
                FOREIGN KEY (order_id) REFERENCES shop."Order" (id) NOT VALID;
            """;

    @Test
    void seededRowsMeetEveryConstraintAndTheCatalogComesBackAsItWas() throws Exception {
        try (Connection db = PostgresServers.freshDatabase(16)) {
            exec(db, SCHEMA);
            TreeSet<String> before = CatalogSnapshot.read(db);
            Schema schema = CatalogReader.read(db, Set.of());

            List<SeedResult> seeded = Seeder.seed(db, schema, RowCounts.everyTable(500));

            assertThat(seeded).allSatisfy(s -> assertThat(s.skipped()).isNull());
            assertThat(seeded).allSatisfy(s -> assertThat(s.inserted()).isEqualTo(500));
            // Indexes, their comments and CLUSTER mark, the foreign keys (validated or not) and
            // their comments: line for line what the schema's own statements made.
            assertThat(CatalogSnapshot.differences(CatalogSnapshot.read(db), before)).isEmpty();
            assertThat(
                            scalar(
                                    db,
                                    "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND convalidated"))
                    .isEqualTo(2);
            // The rows meet every constraint, as PostgreSQL itself checks them (the NOT VALID key
            // too, which was never set aside).
            for (String constraint :
                    List.of(
                            "shop.\"Order\" VALIDATE CONSTRAINT \"fk Order customer\"",
                            "shop.refund VALIDATE CONSTRAINT fk_refund_order_later",
                            "shop.\"Order\" VALIDATE CONSTRAINT \"Order_qty_check\"",
                            "shop.customer VALIDATE CONSTRAINT customer_tier_check")) {
                exec(db, "ALTER TABLE " + constraint);
            }
            assertThat(
                            scalar(
                                    db,
                                    "SELECT count(*) FROM shop.\"Order\" o LEFT JOIN shop.customer c ON c.id = o.customer_id WHERE c.id IS NULL"))
                    .isZero();
            assertThat(Seeder.count(db, new QualifiedName("shop", "Order"))).isEqualTo(500);
        }
    }

    @Test
    void oneTablesIndexesComeBackAloneAndTheRestOnceWithTheForeignKeys() throws Exception {
        try (Connection db = PostgresServers.freshDatabase(16)) {
            exec(db, SCHEMA);
            TreeSet<String> before = CatalogSnapshot.read(db);
            BuiltAfterSeeding later = BuiltAfterSeeding.setAside(db);
            String plainIndexes =
                    "SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                            + " WHERE c.relnamespace = 'shop'::regnamespace AND NOT i.indisunique";
            assertThat(scalar(db, plainIndexes)).isZero();

            later.restoreIndexesOf(db, scalar(db, "SELECT 'shop.\"Order\"'::regclass::oid"));

            // Order's three indexes, with their comment and CLUSTER mark; no foreign key yet.
            assertThat(scalar(db, plainIndexes)).isEqualTo(3);
            assertThat(
                            scalar(
                                    db,
                                    "SELECT count(*) FROM pg_index WHERE indisclustered"
                                            + " AND obj_description(indexrelid, 'pg_class') IS NOT NULL"))
                    .isEqualTo(1);
            String foreignKeys = "SELECT count(*) FROM pg_constraint WHERE contype = 'f'";
            assertThat(scalar(db, foreignKeys)).isEqualTo(1);
            long order = scalar(db, "SELECT 'shop.\"Order\"'::regclass::oid");
            long customer = scalar(db, "SELECT 'shop.customer'::regclass::oid");
            long refund = scalar(db, "SELECT 'shop.refund'::regclass::oid");

            // A table's keys come back once every table they point at is finished, not before.
            later.restoreForeignKeysOf(db, order, Set.of());
            assertThat(scalar(db, foreignKeys)).isEqualTo(1);
            later.restoreForeignKeysOf(db, order, Set.of(customer));
            assertThat(scalar(db, foreignKeys)).isEqualTo(2);
            later.restoreForeignKeysOf(db, refund, Set.of(customer));
            assertThat(scalar(db, foreignKeys)).isEqualTo(2);
            // restore builds and adds only what is left: nothing twice.
            later.restore(db);
            assertThat(CatalogSnapshot.differences(CatalogSnapshot.read(db), before)).isEmpty();
        }
    }

    @Test
    void aRowBreakingAForeignKeySetAsideFailsWhenTheKeyIsAddedBack() throws Exception {
        try (Connection db = PostgresServers.freshDatabase(16)) {
            exec(db, SCHEMA);
            BuiltAfterSeeding later = BuiltAfterSeeding.setAside(db);
            // Three plain indexes and the two validated foreign keys; the NOT VALID one stays.
            assertThat(later.size()).isEqualTo(5);
            exec(db, "INSERT INTO shop.customer (email, tier) VALUES ('a@x.io', 'free')");
            exec(
                    db,
                    "INSERT INTO shop.\"Order\" (customer_id, placed_at, qty, status) VALUES (42, now(), 1, 'new')");

            assertThatThrownBy(() -> later.restore(db))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("fk Order customer");
        }
    }
}
