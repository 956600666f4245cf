package dev.evoplan.verify;

import dev.evoplan.model.InputException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * PostgreSQL in a Docker container ({@code verify --db docker[:IMAGE]}, {@code --shadow
 * docker[:IMAGE]}), started through Testcontainers for one run and removed at the end, so a team
 * verifies on the image it runs (PostGIS, TimescaleDB, its own build). Inside, it is the user's
 * server as {@link ExistingServer} handles it: scratch databases, a check of the database connected
 * to, drop on exit. Testcontainers stays behind {@link Container}: this class loads without it, so
 * the jar without its {@code lib/} folder still says what is missing in one line.
 */
public final class DockerServer implements VerifyServer {
    /** The image for a bare {@code docker}: the official image of the major analysed. */
    static final String OFFICIAL_IMAGE = "postgres:%d";

    private static final String TESTCONTAINERS_CLASS = "org.testcontainers.DockerClientFactory";

    private final AutoCloseable container;
    private final ExistingServer server;
    private final String image;

    private DockerServer(AutoCloseable container, ExistingServer server, String image) {
        this.container = container;
        this.server = server;
        this.image = image;
    }

    /**
     * The image a {@code docker} or {@code docker:IMAGE} spelling names ({@code postgres:MAJOR} for
     * the bare word), or empty when {@code spec} is not one; {@code option} names the flag in
     * errors.
     */
    public static Optional<String> image(String spec, int major, String option) {
        if (spec == null) {
            return Optional.empty();
        }
        if (spec.equals("docker")) {
            return Optional.of(String.format(Locale.ROOT, OFFICIAL_IMAGE, major));
        }
        if (!spec.startsWith("docker:")) {
            return Optional.empty();
        }
        String image = spec.substring("docker:".length()).strip();
        if (image.isEmpty() || !image.matches("[A-Za-z0-9][A-Za-z0-9._/:@+-]*")) {
            throw new InputException(
                    null,
                    0,
                    option
                            + " docker:IMAGE needs an image name such as postgres:16 or "
                            + "postgis/postgis:16-3.4, not '"
                            + image
                            + "'");
        }
        return Optional.of(image);
    }

    /**
     * A container of {@code image} started and reachable; InputException (exit 3) when Docker or
     * Testcontainers is missing.
     */
    public static DockerServer start(String image, String option) {
        return start(image, option, DockerServer::dockerAvailable);
    }

    /**
     * As {@link #start(String, String)}, with what says whether Docker answers (a test stands in
     * for a machine without it).
     */
    static DockerServer start(String image, String option, BooleanSupplier docker) {
        requireDocker(option, docker);
        Container.Started started;
        try {
            started = Container.start(image);
        } catch (RuntimeException e) {
            throw new InputException(
                    null,
                    0,
                    option + " docker: the container " + image + " did not start: " + firstLine(e));
        }
        try {
            return new DockerServer(started.container(), ExistingServer.open(started.url()), image);
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
    }

    /**
     * Throws the one-line InputException {@link #start} would when Testcontainers or Docker is
     * missing: a command calls it before loading its sources, so the user hears it at once.
     */
    public static void requireDocker(String option) {
        requireDocker(option, DockerServer::dockerAvailable);
    }

    private static void requireDocker(String option, BooleanSupplier docker) {
        if (!testcontainersPresent()) {
            throw new InputException(
                    null,
                    0,
                    option
                            + " docker needs the Testcontainers jars in lib/ next to evoplan.jar "
                            + "(mvn package puts them in target/lib/; the Docker image and the Action have them)");
        }
        if (!docker.getAsBoolean()) {
            throw new InputException(
                    null,
                    0,
                    option
                            + " docker: no Docker engine answers (DOCKER_HOST, /var/run/docker.sock); "
                            + "start Docker, or leave "
                            + option
                            + " out for the embedded PostgreSQL, or give a jdbc:postgresql: URL");
        }
    }

    /** Whether Testcontainers finds a Docker engine; never throws. */
    static boolean dockerAvailable() {
        return testcontainersPresent() && Container.dockerAvailable();
    }

    static boolean testcontainersPresent() {
        try {
            Class.forName(TESTCONTAINERS_CLASS, false, DockerServer.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The image this server runs. */
    public String image() {
        return image;
    }

    @Override
    public String createDatabase(String suffix) throws SQLException {
        return server.createDatabase(suffix);
    }

    @Override
    public Connection connect(String database) throws SQLException {
        return server.connect(database);
    }

    @Override
    public void dropDatabase(String database) {
        server.dropDatabase(database);
    }

    @Override
    public String label() {
        return "in a Docker container of " + image;
    }

    @Override
    public int major() {
        return server.major();
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            try {
                container.close();
            } catch (Exception ignored) {
                // Testcontainers' reaper removes a container left behind when the JVM exits.
            }
        }
    }

    private static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = String.valueOf(root.getMessage()).strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** Every use of Testcontainers; loaded only once {@link #testcontainersPresent} holds. */
    private static final class Container {
        record Started(AutoCloseable container, String url) {
            void close() {
                try {
                    container.close();
                } catch (Exception ignored) {
                    // As in DockerServer.close.
                }
            }
        }

        static boolean dockerAvailable() {
            try {
                return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException | LinkageError e) {
                return false;
            }
        }

        @SuppressWarnings("resource") // closed by DockerServer.close
        static Started start(String image) {
            org.testcontainers.utility.DockerImageName name =
                    org.testcontainers.utility.DockerImageName.parse(image)
                            .asCompatibleSubstituteFor("postgres");
            org.testcontainers.containers.PostgreSQLContainer<?> container =
                    new org.testcontainers.containers.PostgreSQLContainer<>(name);
            container.start();
            String url = container.getJdbcUrl();
            String credentials =
                    "user=" + container.getUsername() + "&password=" + container.getPassword();
            return new Started(
                    container::stop, url + (url.contains("?") ? "&" : "?") + credentials);
        }
    }
}
