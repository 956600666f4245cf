package dev.evoplan.source.liquibase;

import dev.evoplan.model.Identifiers;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.SqlType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liquibase.change.Change;
import liquibase.database.ObjectQuotingStrategy;
import liquibase.database.OfflineConnection;
import liquibase.database.core.PostgresDatabase;
import liquibase.datatype.DataTypeFactory;
import liquibase.datatype.LiquibaseDataType;
import liquibase.resource.ResourceAccessor;
import liquibase.sql.Sql;
import liquibase.sqlgenerator.SqlGeneratorFactory;
import liquibase.structure.DatabaseObject;

/**
 * Liquibase's PostgreSQL dialect without a connection: how Liquibase spells names, types, defaults
 * and statements for PostgreSQL, which is what {@code liquibase update} would run.
 */
final class OfflinePostgres {
    /** The reference server; Liquibase picks identity over serial from version 10 on. */
    static final int MAJOR_VERSION = 16;

    /** PostgreSQL silently truncates identifiers to NAMEDATALEN - 1 bytes. */
    static final int MAX_IDENTIFIER_BYTES = dev.evoplan.model.PostgresNames.MAX_IDENTIFIER_BYTES;

    private static final Pattern FLOAT = Pattern.compile("(?i)float\\s*(?:\\(\\s*(\\d+)\\s*\\))?");

    private final PostgresDatabase database;

    /** Type strings repeat across a changelog and DataTypeFactory is slow enough to matter. */
    private final Map<String, String> typeSql = new HashMap<>();

    private final Map<String, Boolean> autoIncrementTypes = new HashMap<>();

    OfflinePostgres(ResourceAccessor accessor) {
        database = new PostgresDatabase();
        database.setConnection(
                new OfflineConnection("offline:postgresql?version=" + MAJOR_VERSION, accessor));
        // Without a default schema Liquibase writes TABLE_SCHEMA = 'null' into the SQL it
        // generates.
        database.setDefaultSchemaName(QualifiedName.DEFAULT_SCHEMA);
        database.setOutputDefaultSchema(false);
        database.setOutputDefaultCatalog(false);
    }

    PostgresDatabase database() {
        return database;
    }

    /**
     * Liquibase quotes names per changeset ({@code objectQuotingStrategy}), before it generates
     * SQL.
     */
    void quoting(ObjectQuotingStrategy strategy) {
        database.setObjectQuotingStrategy(
                strategy == null ? ObjectQuotingStrategy.LEGACY : strategy);
    }

    /**
     * The name PostgreSQL stores for a name as Liquibase writes it: quoted names keep their case.
     */
    String name(String written, Class<? extends DatabaseObject> kind) {
        if (written == null) {
            return null;
        }
        String s = written.strip();
        String sql = s.startsWith("\"") ? s : database.escapeObjectName(s, kind);
        return truncate(Identifiers.fold(sql));
    }

    QualifiedName qualified(String schema, String written, Class<? extends DatabaseObject> kind) {
        String schemaName =
                schema == null || schema.isBlank()
                        ? QualifiedName.DEFAULT_SCHEMA
                        : name(schema, liquibase.structure.core.Schema.class);
        return new QualifiedName(schemaName, name(written, kind));
    }

    /** Cuts a name to what PostgreSQL keeps, never splitting a multi-byte character. */
    static String truncate(String name) {
        return dev.evoplan.model.PostgresNames.clip(name, MAX_IDENTIFIER_BYTES);
    }

    /** The SQL type Liquibase writes for a Liquibase type string, in PostgreSQL's spelling. */
    SqlType type(String liquibaseType) {
        return SqlType.parse(typeSql(liquibaseType));
    }

    String typeSql(String liquibaseType) {
        return typeSql.computeIfAbsent(liquibaseType, this::convertType);
    }

    private String convertType(String liquibaseType) {
        String sql;
        try {
            sql = dataType(liquibaseType).toDatabaseDataType(database).toSql();
        } catch (RuntimeException e) {
            // An exotic spelling DataTypeFactory rejects is passed through by Liquibase as written.
            sql = liquibaseType;
        }
        return postgresSpelling(sql.strip());
    }

    /**
     * True when Liquibase treats the type itself as auto-increment ({@code serial}, {@code
     * bigserial}).
     */
    boolean autoIncrementType(String liquibaseType) {
        return autoIncrementTypes.computeIfAbsent(
                liquibaseType,
                t -> {
                    try {
                        return dataType(t).isAutoIncrement();
                    } catch (RuntimeException e) {
                        return false;
                    }
                });
    }

    private LiquibaseDataType dataType(String liquibaseType) {
        return DataTypeFactory.getInstance().fromDescription(liquibaseType, database);
    }

    /**
     * Liquibase writes {@code FLOAT} and {@code FLOAT(p)}, which PostgreSQL stores as {@code double
     * precision} or, for p up to 24, {@code real}; SqlType does not know that alias.
     */
    private static String postgresSpelling(String sql) {
        String trimmed = sql;
        String dims = "";
        while (trimmed.endsWith("[]")) {
            dims += "[]";
            trimmed = trimmed.substring(0, trimmed.length() - 2).strip();
        }
        Matcher m = FLOAT.matcher(trimmed);
        if (m.matches()) {
            boolean real = m.group(1) != null && Integer.parseInt(m.group(1)) <= 24;
            return (real ? "real" : "double precision") + dims;
        }
        return sql;
    }

    /**
     * A default as Liquibase renders it for a column of that type (a string becomes a quoted
     * literal).
     */
    String defaultForType(Object value, String liquibaseType) {
        if (value instanceof liquibase.statement.SequenceNextValueFunction
                || value instanceof liquibase.statement.SequenceCurrentValueFunction) {
            // A column type's objectToSql prints a function value bare (the sequence's name);
            // the database prints it as the call PostgreSQL runs: nextval('seq'::regclass).
            return database.generateDatabaseFunctionValue(
                    (liquibase.statement.DatabaseFunction) value);
        }
        LiquibaseDataType type =
                liquibaseType == null
                        ? DataTypeFactory.getInstance().fromObject(value, database)
                        : dataType(liquibaseType);
        return type.objectToSql(value, database);
    }

    /** A default rendered by the value's own kind, as {@code addDefaultValue} does. */
    String defaultForValue(Object value) {
        return DataTypeFactory.getInstance()
                .fromObject(value, database)
                .objectToSql(value, database);
    }

    /**
     * The statements Liquibase would send; best effort: none when generation needs a live database.
     */
    List<String> generate(Change change) {
        List<String> out = new ArrayList<>();
        try {
            Sql[] sqls = SqlGeneratorFactory.getInstance().generateSql(change, database);
            if (sqls != null) {
                for (Sql sql : sqls) {
                    out.add(sql.toSql());
                }
            }
        } catch (RuntimeException | LinkageError e) {
            return List.of();
        }
        return out;
    }
}
