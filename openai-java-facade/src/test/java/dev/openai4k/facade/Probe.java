package dev.openai4k.facade;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Callbacks that record what they receive and on which threads, for the callback form of a stream. */
final class Probe<T> {
    final List<T> items = new CopyOnWriteArrayList<>();
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    final AtomicInteger completions = new AtomicInteger();
    final List<String> threads = new CopyOnWriteArrayList<>();
    private final CountDownLatch terminal = new CountDownLatch(1);
    private final CountDownLatch firstItem = new CountDownLatch(1);
    private volatile Consumer<T> onItem;

    Probe() {
        this(item -> { });
    }

    /** [onItem] runs inside onNext after the item is recorded; what it throws, onNext throws. */
    Probe(Consumer<T> onItem) {
        this.onItem = onItem;
    }

    final Consumer<T> onNext = item -> {
        threads.add(Thread.currentThread().getName());
        items.add(item);
        firstItem.countDown();
        this.onItem.accept(item);
    };

    final Consumer<Throwable> onError = error -> {
        threads.add(Thread.currentThread().getName());
        errors.add(error);
        terminal.countDown();
    };

    final Runnable onComplete = () -> {
        threads.add(Thread.currentThread().getName());
        completions.incrementAndGet();
        terminal.countDown();
    };

    void awaitTerminal() throws InterruptedException {
        assertTrue(terminal.await(FacadeTestBase.WAIT.toSeconds(), TimeUnit.SECONDS), "no terminal signal arrived");
    }

    void awaitFirstItem() throws InterruptedException {
        assertTrue(firstItem.await(FacadeTestBase.WAIT.toSeconds(), TimeUnit.SECONDS), "no item arrived");
    }

    int terminalSignals() {
        return errors.size() + completions.get();
    }
}
