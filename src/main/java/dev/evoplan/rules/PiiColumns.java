package dev.evoplan.rules;

import dev.evoplan.model.Column;
import dev.evoplan.model.Table;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The guide's privacy facts in one place: which columns look like personal data by name and type
 * (name, email, phone, address, IP, birth date, payment, government id), and how a column comment
 * tags PII ({@code PII: <class>. Retention: ... Erasure: ...}).
 */
public final class PiiColumns {
    /**
     * A column's PII tag as its comment gives it; retention or erasure is null when the comment
     * leaves it out.
     */
    public record Tag(String classification, String retention, String erasure) {}

    private record Kind(String classification, Pattern name) {}

    private static final List<Kind> KINDS =
            List.of(
                    new Kind("email address", Pattern.compile("(^|_)e?mail(_address)?$|^email")),
                    new Kind(
                            "phone number",
                            Pattern.compile("(^|_)(phone|mobile|telephone|msisdn)(_number|_no)?$")),
                    new Kind(
                            "personal name",
                            Pattern.compile(
                                    "^(first|last|full|given|family|middle|display|legal|sur)_?name$|^surname$")),
                    new Kind(
                            "postal address",
                            Pattern.compile(
                                    "(^|_)(address|street|postal_code|postcode|zip_code|zip)(_line\\d*)?$")),
                    new Kind("IP address", Pattern.compile("(^|_)ip(_address|_addr)?$")),
                    new Kind(
                            "birth date",
                            Pattern.compile("^(birth_?date|date_of_birth|dob|birthday)$")),
                    new Kind(
                            "payment data",
                            Pattern.compile(
                                    "(^|_)(card_number|pan|iban|bic|account_number|cvv|payment_details)$")),
                    new Kind(
                            "government id",
                            Pattern.compile(
                                    "^(ssn|social_security_number|passport(_number)?|tax_id|national_id)$")));

    /** Tables whose plain {@code name} column names a person rather than a thing. */
    private static final Set<String> PERSON_TABLES =
            Set.of(
                    "users",
                    "user",
                    "people",
                    "persons",
                    "person",
                    "customers",
                    "customer",
                    "members",
                    "member",
                    "employees",
                    "employee",
                    "contacts",
                    "contact",
                    "profiles",
                    "profile",
                    "accounts",
                    "account",
                    "patients",
                    "patient",
                    "students",
                    "student");

    private PiiColumns() {}

    /**
     * What kind of personal data the column looks like it holds, by name and type; empty when none.
     */
    public static Optional<String> looksLike(Table table, Column column) {
        String name = column.name().toLowerCase(Locale.ROOT);
        if (column.type().name().equals("inet") || column.type().name().equals("cidr")) {
            return Optional.of("IP address");
        }
        if (name.equals("name")
                && PERSON_TABLES.contains(table.name().name().toLowerCase(Locale.ROOT))) {
            return Optional.of("personal name");
        }
        if (!isText(column) && !column.type().name().equals("date")) {
            return Optional.empty();
        }
        for (Kind k : KINDS) {
            if (k.name().matcher(name).find()) {
                return Optional.of(k.classification());
            }
        }
        return Optional.empty();
    }

    /** The PII tag in a column comment of the guide's form, or empty when the comment has none. */
    public static Optional<Tag> tag(String comment) {
        if (comment == null || !comment.strip().regionMatches(true, 0, "PII:", 0, 4)) {
            return Optional.empty();
        }
        String text = comment.strip().substring(4);
        String lower = text.toLowerCase(Locale.ROOT);
        int retention = lower.indexOf("retention:");
        int erasure = lower.indexOf("erasure:");
        int classEnd = firstOf(text.length(), retention, erasure);
        String classification = part(text, 0, classEnd);
        String kept =
                retention < 0
                        ? null
                        : part(
                                text,
                                retention + "retention:".length(),
                                erasure > retention ? erasure : text.length());
        String erased =
                erasure < 0
                        ? null
                        : part(
                                text,
                                erasure + "erasure:".length(),
                                retention > erasure ? retention : text.length());
        return Optional.of(
                new Tag(classification == null ? "unclassified" : classification, kept, erased));
    }

    private static int firstOf(int otherwise, int... positions) {
        int first = otherwise;
        for (int p : positions) {
            if (p >= 0 && p < first) {
                first = p;
            }
        }
        return first;
    }

    /**
     * The text between two positions without surrounding blanks and the sentence's final period.
     */
    private static String part(String text, int from, int to) {
        String s = text.substring(from, to).strip();
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s.isEmpty() ? null : s;
    }

    private static boolean isText(Column column) {
        String t = column.type().name();
        return t.equals("text")
                || t.equals("character varying")
                || t.equals("character")
                || t.equals("citext")
                || t.equals("bytea");
    }
}
