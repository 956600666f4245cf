package dev.evoplan.verify;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A server being started on a thread of its own while the caller does other work (verify loads both
 * sources and plans meanwhile: the embedded server's start is mostly waiting for processes).
 * Closing it waits for the start to end and closes the server it gave, or would have given.
 */
public final class ServerStart implements AutoCloseable {
    private final CompletableFuture<VerifyServer> started;

    private ServerStart(Supplier<VerifyServer> start) {
        started =
                CompletableFuture.supplyAsync(
                        () -> {
                            Timings.Phase t = Timings.start();
                            VerifyServer server = start.get();
                            t.end("server start (in the background)");
                            return server;
                        },
                        task -> {
                            Thread thread = new Thread(task, "evoplan-server-start");
                            thread.setDaemon(true);
                            thread.start();
                        });
    }

    /** Starts an embedded server of that major (or takes the one a test lends). */
    public static ServerStart embedded(int major) {
        return new ServerStart(() -> VerifyServer.startEmbedded(major));
    }

    /** The server, once started; throws what starting it threw (an InputException as it was). */
    public VerifyServer get() {
        try {
            return started.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        VerifyServer server;
        try {
            server = started.join();
        } catch (CompletionException e) {
            return; // nothing was started; get() reported why, if anyone asked
        }
        Timings.Phase t;
        try (server) {
            // Timed from here to the end of the block, where the server is closed.
            t = Timings.start();
        }
        t.end("server stop");
    }
}
