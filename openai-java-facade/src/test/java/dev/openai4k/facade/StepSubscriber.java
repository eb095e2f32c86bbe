package dev.openai4k.facade;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Flow.Subscriber that requests nothing by itself: the test asks for items with [request] and checks that the
 * publisher never delivers more than was requested so far ([overDeliveries] counts every onNext beyond it).
 */
final class StepSubscriber<T> implements Flow.Subscriber<T> {
    final List<T> items = new CopyOnWriteArrayList<>();
    final LinkedBlockingQueue<T> arrivals = new LinkedBlockingQueue<>();
    final AtomicLong requested = new AtomicLong();
    final AtomicInteger overDeliveries = new AtomicInteger();
    final AtomicInteger completions = new AtomicInteger();
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    final CountDownLatch terminal = new CountDownLatch(1);
    final CountDownLatch subscribed = new CountDownLatch(1);
    volatile Flow.Subscription subscription;

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscribed.countDown();
    }

    void request(long n) {
        requested.addAndGet(n);
        subscription.request(n);
    }

    @Override
    public void onNext(T item) {
        items.add(item);
        if (items.size() > requested.get()) overDeliveries.incrementAndGet();
        arrivals.add(item);
    }

    @Override
    public void onError(Throwable throwable) {
        errors.add(throwable);
        terminal.countDown();
    }

    @Override
    public void onComplete() {
        completions.incrementAndGet();
        terminal.countDown();
    }

    boolean ended() {
        return terminal.getCount() == 0;
    }

    T next() throws InterruptedException {
        return arrivals.poll(FacadeTestBase.WAIT.toSeconds(), TimeUnit.SECONDS);
    }
}
