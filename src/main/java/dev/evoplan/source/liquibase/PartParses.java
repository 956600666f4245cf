package dev.evoplan.source.liquibase;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import liquibase.Scope;
import liquibase.SingletonScopeManager;
import liquibase.change.ChangeFactory;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.changelog.visitor.ValidatingVisitorGeneratorFactory;
import liquibase.configuration.LiquibaseConfiguration;

/**
 * The parses of a master's parts ({@link ChunkedYaml}), handed out in the parts' order while the
 * caller folds each: the first is made on the caller's thread, the others on up to {@link #threads}
 * threads of their own, each a few parts ahead of the fold, in the caller's Liquibase scope. Each
 * part's parse depends on its text alone, and the fold takes them in order, so what is folded is
 * the same as with one thread (Liquibase's parse is half the CPU of a 50 MB YAML plan, the fold a
 * third: on two cores they overlap).
 *
 * <p>A parse thread keeps a current scope of its own, starting at the caller's scope when this was
 * made (Liquibase gives a new thread a scope manager of its own at its parent's current scope; it
 * is set here whatever scope the thread happens to be made in), so the two threads entering and
 * leaving scopes never see each other's. The threads start once the first part is parsed and folded
 * on the caller's, and the JVM's Liquibase singletons a parse asks for are made before they start:
 * Liquibase keeps them in a plain map.
 */
final class PartParses<T> implements AutoCloseable {
    /** Parse threads at most; tests set it. */
    static volatile int threads = Math.min(2, Runtime.getRuntime().availableProcessors());

    /** One part's parse. */
    interface Parse<T> {
        T parse(ChunkedYaml.Part part) throws Exception;
    }

    private final List<ChunkedYaml.Part> parts;
    private final Parse<T> parse;
    private final Scope scope = Scope.getCurrentScope();
    private final Deque<Future<T>> ahead = new ArrayDeque<>();
    private ExecutorService workers;
    private int handed;
    private int submitted;

    PartParses(List<ChunkedYaml.Part> parts, Parse<T> parse) {
        this.parts = parts;
        this.parse = parse;
    }

    /** The next part's parse, or what it threw (an {@code Error} of a parse thread as thrown). */
    T next() throws Exception {
        int at = handed++;
        if (at == 0 || threads < 1) {
            return parse.parse(parts.get(at));
        }
        if (workers == null) {
            start();
        }
        while (submitted < parts.size() && submitted <= at + threads) {
            ChunkedYaml.Part part = parts.get(submitted++);
            ahead.add(workers.submit(() -> parse.parse(part)));
        }
        try {
            return ahead.remove().get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception thrown) {
                throw thrown;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private void start() {
        for (Class<? extends liquibase.SingletonObject> type :
                List.of(
                        ChangeFactory.class,
                        liquibase.executor.ExecutorService.class,
                        LiquibaseConfiguration.class,
                        ChangeLogHistoryServiceFactory.class,
                        ValidatingVisitorGeneratorFactory.class)) {
            scope.getSingleton(type);
        }
        submitted = handed - 1;
        workers =
                Executors.newFixedThreadPool(
                        threads,
                        work -> {
                            Thread t =
                                    new Thread(
                                            () -> {
                                                Scope.setScopeManager(new Pinned(scope));
                                                work.run();
                                            },
                                            "evoplan-yaml-part");
                            t.setDaemon(true);
                            return t;
                        });
    }

    /** Waits for the parses under way (a parse cannot be interrupted); drops those not begun. */
    @Override
    public void close() throws InterruptedException {
        if (workers != null) {
            ahead.forEach(f -> f.cancel(false));
            workers.shutdownNow();
            workers.awaitTermination(1, TimeUnit.MINUTES);
        }
    }

    /** A thread's own current scope, starting at the given one. */
    private static final class Pinned extends SingletonScopeManager {
        Pinned(Scope scope) {
            setCurrentScope(scope);
        }
    }
}
