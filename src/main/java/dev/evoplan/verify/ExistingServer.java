package dev.evoplan.verify;

import dev.evoplan.model.InputException;
import dev.evoplan.source.Sources;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user's own PostgreSQL ({@code verify --db jdbc:...}): verify creates scratch databases named
 * {@code evoplan_verify_<random hex>} there, works only inside them, and drops them at the end, on
 * failure, and from a shutdown hook on Ctrl-C. The database in the URL is used only to issue
 * CREATE/DROP DATABASE; nothing runs inside it.
 */
final class ExistingServer implements VerifyServer {
    private static final Pattern URL =
            Pattern.compile("^(jdbc:postgresql:(?://[^/?]*)?/?)([^?]*)(\\?.*)?$");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** SQLSTATE insufficient_privilege. */
    private static final String NO_PRIVILEGE = "42501";

    private final String url;
    private final String shown;
    private final Set<String> created = ConcurrentHashMap.newKeySet();
    private final Thread hook;
    private boolean hooked;

    private ExistingServer(String url) {
        this.url = url;
        this.shown = Sources.redact(url);
        this.hook = new Thread(this::dropAll, "evoplan-verify-cleanup");
    }

    static ExistingServer open(String url) {
        if (!URL.matcher(url).matches()) {
            throw new InputException(
                    Sources.redact(url),
                    0,
                    "--db needs a jdbc:postgresql://host:port/database URL");
        }
        ExistingServer server = new ExistingServer(url);
        try (Connection c = server.admin()) {
            major(c);
        } catch (SQLException e) {
            throw server.inputError("cannot connect to the server", e);
        }
        server.droppedOnOpen = server.dropLeftovers(false);
        return server;
    }

    /** Scratch names verify makes: nothing else is ever dropped. */
    private static final Pattern SCRATCH = Pattern.compile("evoplan_verify_[0-9a-f]{16}(_target)?");

    /** Left-behind scratch databases of an earlier run that opening this server dropped. */
    private List<String> droppedOnOpen = List.of();

    @Override
    public List<String> droppedOnOpen() {
        return droppedOnOpen;
    }

    /** The scratch databases this run could not drop (the server stopped mid-run), sorted. */
    @Override
    public List<String> leftBehind() {
        return new java.util.TreeSet<>(created).stream().toList();
    }

    /**
     * Drops scratch databases left on this server by earlier runs and returns their names: those a
     * run recorded as left behind (the server stopped before it could drop them), and with {@code
     * everyIdle} ({@code verify --cleanup}) every {@code evoplan_verify_...} database no session is
     * connected to. A database in use (another verify running now) is never dropped.
     */
    List<String> dropLeftovers(boolean everyIdle) {
        Set<String> candidates = new java.util.TreeSet<>(Leftovers.recorded(key()));
        List<String> dropped = new ArrayList<>();
        try (Connection admin = admin()) {
            Set<String> present = new java.util.HashSet<>();
            Set<String> busy = new java.util.HashSet<>();
            try (Statement st = admin.createStatement();
                    ResultSet rs =
                            st.executeQuery(
                                    "SELECT datname, EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)"
                                            + " FROM pg_database d WHERE datname LIKE 'evoplan\\_verify\\_%'")) {
                while (rs.next()) {
                    present.add(rs.getString(1));
                    if (rs.getBoolean(2)) {
                        busy.add(rs.getString(1));
                    }
                }
            }
            if (everyIdle) {
                candidates.addAll(present);
            }
            for (String name : candidates) {
                if (!SCRATCH.matcher(name).matches() || busy.contains(name)) {
                    continue;
                }
                if (present.contains(name)) {
                    try (Statement st = admin.createStatement()) {
                        st.execute("DROP DATABASE IF EXISTS " + name);
                    }
                    dropped.add(name);
                }
                Leftovers.forget(key(), name);
            }
        } catch (SQLException e) {
            if (everyIdle) {
                throw inputError("cannot drop the scratch databases left behind", e);
            }
            // On open: the run goes on; the next one tries again.
        }
        return dropped;
    }

    /**
     * The server as host:port, without database, user or password: what the leftovers are recorded
     * under.
     */
    private String key() {
        Matcher m = URL.matcher(url);
        return m.matches() ? Sources.redact(m.group(1)) : shown;
    }

    @Override
    public synchronized String createDatabase(String suffix) {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        String name = "evoplan_verify_" + HexFormat.of().formatHex(bytes) + suffix;
        try (Connection admin = admin();
                Statement st = admin.createStatement()) {
            if (!hooked) {
                // Ctrl-C or a kill ends the JVM without running finally blocks; the hook still
                // drops the database.
                Runtime.getRuntime().addShutdownHook(hook);
                hooked = true;
            }
            created.add(name);
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            created.remove(name);
            if (NO_PRIVILEGE.equals(e.getSQLState())) {
                throw new InputException(
                        shown,
                        0,
                        "verify --db needs a role allowed to create a database "
                                + "(CREATEDB) for its scratch copy; this role is not");
            }
            throw inputError("cannot create the scratch database " + name, e);
        }
        return name;
    }

    @Override
    public Connection connect(String database) throws SQLException {
        if (!created.contains(database)) {
            throw new IllegalArgumentException(
                    "verify works only in databases it created, not " + database);
        }
        Connection c = DriverManager.getConnection(withDatabase(database));
        // The driver's own URL parameters (PGDBNAME=..., a service file) can send the connection
        // to another database than the path names: prove it is the scratch one before any DDL.
        String connected;
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT current_database()")) {
            connected = rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        if (!database.equals(connected)) {
            c.close();
            throw new InputException(
                    shown,
                    0,
                    "the URL's parameters connect to database "
                            + connected
                            + ", not to the scratch database "
                            + database
                            + " verify created: refused (remove PGDBNAME"
                            + " or any parameter that selects a database)");
        }
        c.setAutoCommit(true);
        return c;
    }

    @Override
    public String label() {
        return "at " + shown;
    }

    @Override
    public int major() {
        try (Connection c = admin()) {
            return major(c);
        } catch (SQLException e) {
            throw inputError("cannot read the server version", e);
        }
    }

    @Override
    public void dropDatabase(String database) {
        if (!created.contains(database)) {
            return;
        }
        try (Connection admin = admin()) {
            // Sessions left over from an interrupted run (the lock sampler, a step) would block
            // DROP.
            try (PreparedStatement ps =
                    admin.prepareStatement(
                            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
                ps.setString(1, database);
                ps.executeQuery().close();
            }
            try (Statement st = admin.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + database);
            }
            created.remove(database);
        } catch (SQLException ignored) {
            // Kept in the set, so the shutdown hook tries again.
        }
    }

    @Override
    public synchronized void close() {
        dropAll();
        // What could not be dropped (the server went away) is recorded for the next run and
        // --cleanup.
        created.forEach(name -> Leftovers.record(key(), name));
        if (hooked && created.isEmpty()) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
                hooked = false;
            } catch (IllegalStateException ignored) {
                // Already shutting down: the hook is running or has run.
            }
        }
    }

    private void dropAll() {
        Set.copyOf(created).forEach(this::dropDatabase);
    }

    private Connection admin() throws SQLException {
        Connection c = DriverManager.getConnection(url);
        c.setAutoCommit(true);
        return c;
    }

    /** The URL with its database replaced, every other part (host, user, parameters) kept. */
    String withDatabase(String database) {
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalStateException("not a jdbc:postgresql: URL");
        }
        String head = m.group(1);
        if (head.startsWith("jdbc:postgresql://") && !head.endsWith("/")) {
            head += "/";
        }
        return head + database + (m.group(3) == null ? "" : m.group(3));
    }

    static int major(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SHOW server_version_num")) {
            rs.next();
            return Integer.parseInt(rs.getString(1)) / 10000;
        }
    }

    private InputException inputError(String what, SQLException e) {
        String m = String.valueOf(e.getMessage()).strip();
        int nl = m.indexOf('\n');
        return new InputException(
                shown, 0, what + ": " + Sources.redact(nl < 0 ? m : m.substring(0, nl)));
    }
}
