package dev.evoplan.verify;

import dev.evoplan.model.Column;
import dev.evoplan.model.IdentityKind;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Schema;
import dev.evoplan.model.Table;
import dev.evoplan.plan.Plan;
import dev.evoplan.plan.Step;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for the application while a plan runs: a few connections read and write the tables the
 * plan touches in a short loop, and each statement's wall time is kept so that the verifier can
 * say, per step, how long the application would have waited.
 *
 * <p>Writes update a column to itself, on one row; the column is one the plan leaves alone (same
 * definition in both schemas, not in the primary key), so a write is valid before, during and after
 * the change. A statement the changing schema refuses is counted as a probe error, not a failure.
 * Everything is bounded: a statement timeout per statement, a pause between statements, a cap on
 * statements and on running time, and the loop ends with the steps.
 */
final class ProbeWorkload implements AutoCloseable {
    /** Opens a new connection to the database under test. */
    interface Connections {
        Connection open() throws SQLException;
    }

    static final int DEFAULT_CLIENTS = 4;

    /** A probe never waits longer than this: a blocked application request would have given up. */
    static final String STATEMENT_TIMEOUT = "30s";

    private static final long PAUSE_MILLIS = 5;
    private static final long MAX_STATEMENTS_PER_CLIENT = 2_000_000;
    private static final long MAX_RUN_NANOS = TimeUnit.HOURS.toNanos(2);

    /** How long {@link #stepEnded} waits for a probe stuck behind the step to come back. */
    private static final long IN_FLIGHT_GRACE_NANOS = TimeUnit.SECONDS.toNanos(35);

    /** One probe statement as it ran. */
    private record Sample(long startNanos, long endNanos, String table, boolean error) {}

    /** One table's probe statements. */
    record Target(String table, List<String> statements) {}

    private static final long WARM_UP_SECONDS = 30;

    private final List<Client> clients = new ArrayList<>();
    private CountDownLatch warm = new CountDownLatch(0);
    private final List<Sample> samples = new ArrayList<>();
    private long stepStart;
    private volatile boolean running = true;

    private ProbeWorkload() {}

    /**
     * Starts {@code clients} probe connections on the tables of {@code plan} that exist in {@code
     * from}; a workload that does nothing when there are none, or clients is 0, or the server is
     * not on this machine.
     */
    static ProbeWorkload start(
            Connections connections, Schema from, Schema to, Plan plan, int clients)
            throws SQLException {
        ProbeWorkload workload = new ProbeWorkload();
        List<Target> targets = targets(from, to, plan);
        if (clients <= 0 || targets.isEmpty()) {
            return workload;
        }
        try {
            for (int i = 0; i < clients; i++) {
                Connection c = connections.open();
                if (i == 0 && !loopback(c.getMetaData().getURL())) {
                    // Load on somebody's real server is not ours to make.
                    c.close();
                    return workload;
                }
                Client client = new Client(workload, c, targets, i);
                workload.clients.add(client);
            }
            workload.warm = new CountDownLatch(clients);
        } catch (SQLException e) {
            workload.close();
            throw e;
        }
        workload.clients.forEach(Client::begin);
        try {
            // A new connection's first statements load catalog caches: that is not a wait the plan
            // caused.
            workload.warm.await(WARM_UP_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return workload;
    }

    boolean active() {
        return !clients.isEmpty();
    }

    /** Marks the start of a step: probe statements that ended before now are forgotten. */
    synchronized void stepStarted() {
        stepStart = System.nanoTime();
        long from = stepStart;
        samples.removeIf(s -> s.endNanos() < from);
    }

    /**
     * Marks the end of a step and returns what the probes saw while it ran, or null when no probes
     * run. Waits (bounded) for a probe still blocked from before now, so a wait the step caused is
     * counted in full.
     */
    ProbeStat stepEnded() {
        if (clients.isEmpty()) {
            return null;
        }
        long end = System.nanoTime();
        long deadline = end + IN_FLIGHT_GRACE_NANOS;
        while (System.nanoTime() < deadline
                && clients.stream().anyMatch(c -> c.inFlightSince(end))) {
            sleep(1);
        }
        synchronized (this) {
            long max = 0;
            String table = null;
            int count = 0;
            int errors = 0;
            for (Sample s : samples) {
                if (s.endNanos() >= stepStart && s.startNanos() <= end) {
                    count++;
                    if (s.error()) {
                        errors++;
                    }
                    long ms = TimeUnit.NANOSECONDS.toMillis(s.endNanos() - s.startNanos());
                    if (table == null || ms > max) {
                        max = ms;
                        table = s.table();
                    }
                }
            }
            return new ProbeStat(max, table, count, errors);
        }
    }

    private synchronized void record(Sample sample) {
        samples.add(sample);
    }

    @Override
    public void close() {
        running = false;
        for (Client c : clients) {
            c.stop();
        }
    }

    /**
     * The plan's tables that exist before it runs, sorted by name, each with its probe statements.
     */
    static List<Target> targets(Schema from, Schema to, Plan plan) {
        Set<QualifiedName> touched = new TreeSet<>();
        for (Step step : plan.steps()) {
            if (step.kind() == Step.Kind.SQL
                    && step.table() != null
                    && from.tables().containsKey(step.table())) {
                touched.add(step.table());
            }
        }
        List<Target> targets = new ArrayList<>();
        for (QualifiedName name : touched) {
            Table table = from.tables().get(name);
            List<String> statements = new ArrayList<>();
            statements.add(
                    "SELECT * FROM "
                            + name.sql()
                            + keyOrder(table, to.tables().get(name))
                            + " LIMIT 5");
            String column = untouchedColumn(table, to.tables().get(name));
            if (column != null) {
                statements.add(
                        "UPDATE "
                                + name.sql()
                                + " SET "
                                + column
                                + " = "
                                + column
                                + " WHERE ctid = (SELECT ctid FROM "
                                + name.sql()
                                + " LIMIT 1)");
            }
            targets.add(new Target(name.toString(), List.copyOf(statements)));
        }
        return targets;
    }

    /**
     * {@code ORDER BY} the primary key for the read probe, or "" when the table has none or the
     * plan changes one of its columns. A read waits only on table locks, never on a row, so which
     * rows it reads changes no wait; in key order it reads them through the key's index, where a
     * plain scan would first walk past every row version a backfill or the checkpoint stand-in left
     * dead at the front of the table (about 0.6 ms a read after 100,000 rows were updated, against
     * 0.03).
     */
    private static String keyOrder(Table from, Table to) {
        if (to == null || from.primaryKey() == null) {
            return "";
        }
        List<String> quoted = new ArrayList<>();
        for (String key : from.primaryKey().columns()) {
            Optional<Column> c = from.column(key);
            if (c.isEmpty() || to.columns().stream().noneMatch(c.get()::equals)) {
                return "";
            }
            quoted.add("\"" + key.replace("\"", "\"\"") + "\"");
        }
        return " ORDER BY " + String.join(", ", quoted);
    }

    /**
     * A column outside the primary key that the plan leaves as it is, quoted; null when there is
     * none.
     */
    private static String untouchedColumn(Table from, Table to) {
        if (to == null) {
            return null;
        }
        Set<String> key =
                from.primaryKey() == null ? Set.of() : Set.copyOf(from.primaryKey().columns());
        for (Column c : from.columns()) {
            boolean unchanged = to.columns().stream().anyMatch(c::equals);
            if (!key.contains(c.name())
                    && unchanged
                    && c.generatedExpression() == null
                    && c.identity() == IdentityKind.NONE) {
                return "\"" + c.name().replace("\"", "\"\"") + "\"";
            }
        }
        return null;
    }

    static boolean loopback(String url) {
        if (url == null) {
            return false;
        }
        String rest = url.replaceFirst("^jdbc:postgresql:(//)?", "");
        String host =
                rest.startsWith("[")
                        ? rest.substring(1, Math.max(1, rest.indexOf(']')))
                        : rest.split("[:/?]", 2)[0];
        return host.isEmpty()
                || host.equals("localhost")
                || host.startsWith("127.")
                || host.equals("::1");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One probe connection and its loop. */
    private static final class Client {
        private final ProbeWorkload owner;
        private final Connection connection;
        private final List<Target> targets;
        private final int offset;
        private final Thread thread;

        /** System.nanoTime() when the current statement began, or 0 between statements. */
        private volatile long inFlight;

        Client(ProbeWorkload owner, Connection connection, List<Target> targets, int offset) {
            this.owner = owner;
            this.connection = connection;
            this.targets = targets;
            this.offset = offset;
            this.thread = new Thread(this::loop, "evoplan-probe-" + offset);
            thread.setDaemon(true);
        }

        void begin() {
            thread.start();
        }

        boolean inFlightSince(long nanos) {
            long started = inFlight;
            return started != 0 && started <= nanos;
        }

        private void loop() {
            long began = System.nanoTime();
            boolean warmedUp = false;
            try (Statement st = connection.createStatement()) {
                connection.setAutoCommit(true);
                st.execute("SET statement_timeout = '" + STATEMENT_TIMEOUT + "'");
                st.setEscapeProcessing(false);
                try {
                    for (Target target : targets) {
                        for (String sql : target.statements()) {
                            st.execute(sql);
                        }
                    }
                } catch (SQLException e) {
                    // A probe that fails now fails in the loop too, where it is counted.
                } finally {
                    warmedUp = true;
                    owner.warm.countDown();
                }
                for (long n = offset;
                        owner.running
                                && n - offset < MAX_STATEMENTS_PER_CLIENT
                                && System.nanoTime() - began < MAX_RUN_NANOS;
                        n++) {
                    Target target = targets.get((int) ((n / 2) % targets.size()));
                    String sql = target.statements().get((int) (n % target.statements().size()));
                    long start = System.nanoTime();
                    inFlight = start;
                    boolean error = false;
                    try {
                        st.execute(sql);
                    } catch (SQLException e) {
                        error = true;
                    }
                    long end = System.nanoTime();
                    owner.record(new Sample(start, end, target.table(), error));
                    inFlight = 0;
                    if (connection.isClosed()) {
                        return;
                    }
                    Thread.sleep(PAUSE_MILLIS);
                }
            } catch (SQLException e) {
                // The connection broke: this client stops; the others go on.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight = 0;
                if (!warmedUp) {
                    owner.warm.countDown();
                }
            }
        }

        void stop() {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(40));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Nothing is left to do with a connection that will not close.
            }
        }
    }
}
