package dev.evoplan.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A file's routine text and the text PostgreSQL prints for the routine it made read alike. */
class RoutineDefinitionTest {

    private static RoutineDefinition read(String text) {
        RoutineDefinition d = RoutineDefinition.parse(text);
        assertThat(d).as(text).isNotNull();
        return d;
    }

    @Test
    void aliasesOptionOrderDefaultsAndQuotesAreNotWhatARoutineIs() {
        assertThat(
                        read(
                                "(a int, b varchar(10) = 'x') returns int as $$ select a $$"
                                        + " language sql volatile called on null input"
                                        + " security invoker parallel unsafe cost 100"))
                .isEqualTo(
                        read(
                                "(a integer, b character varying DEFAULT 'x'::character varying)\n"
                                        + " RETURNS integer\n LANGUAGE sql\n"
                                        + "AS $function$ select a $function$"));
        assertThat(read("(x int = -1, y int default null) RETURNS int LANGUAGE sql RETURN x * 2"))
                .isEqualTo(
                        read(
                                "(x integer DEFAULT '-1'::integer, y integer DEFAULT NULL::integer)"
                                        + "\n RETURNS integer\n LANGUAGE sql\nRETURN (x * 2)"));
        assertThat(read("(x int) RETURNS int LANGUAGE sql RETURN x * 2"))
                .isEqualTo(read("(x integer)\n RETURNS integer\n LANGUAGE sql\nRETURN (x * 2)"));
        assertThat(read("(a int, OUT b text) LANGUAGE sql AS 'select ''y'''"))
                .isEqualTo(
                        read(
                                "(a integer, OUT b text)\n RETURNS text\n LANGUAGE sql\n"
                                        + "AS $function$select 'y'$function$"));
        assertThat(
                        read(
                                "() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp"
                                        + " SECURITY DEFINER AS $$ BEGIN RETURN NEW; END $$"))
                .isEqualTo(
                        read(
                                "()\n RETURNS trigger\n LANGUAGE plpgsql\n SECURITY DEFINER\n"
                                        + " SET search_path TO 'public', 'pg_temp'\n"
                                        + "AS $function$ BEGIN RETURN NEW; END $function$"));
    }

    @Test
    void whatARoutineDoesIsCompared() {
        String base = "(a int) RETURNS int LANGUAGE sql AS $$ SELECT a $$";
        assertThat(read(base)).isNotEqualTo(read(base.replace("SELECT a", "SELECT a + 1")));
        assertThat(read(base)).isNotEqualTo(read(base + " SECURITY DEFINER"));
        assertThat(read(base)).isNotEqualTo(read(base + " IMMUTABLE"));
        assertThat(read(base)).isNotEqualTo(read(base.replace("RETURNS int", "RETURNS bigint")));
        assertThat(read(base)).isNotEqualTo(read(base.replace("(a int)", "(a int DEFAULT 2)")));
        assertThat(read(base).head())
                .isEqualTo(read(base.replace("SELECT a", "SELECT a + 1")).head())
                .isNotEqualTo(read(base.replace("(a int)", "(b int)")).head());
    }

    @Test
    void aSignatureNamesTypesInPostgresSpelling() {
        assertThat(Routine.key(QualifiedName.of("f"), "int, varchar(10), numeric(12,2)"))
                .isEqualTo(
                        Routine.key(QualifiedName.of("f"), "integer, character varying, numeric"));
    }
}
