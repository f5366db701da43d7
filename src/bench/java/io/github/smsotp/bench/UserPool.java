package io.github.smsotp.bench;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Benchmark users handed out one virtual user at a time, so two concurrent sign-ins never share a
 * user (and so never read each other's SMS code).
 */
final class UserPool {

    private final BlockingQueue<Integer> free = new LinkedBlockingQueue<>();

    UserPool(int size) {
        for (int n = 1; n <= size; n++) {
            free.add(n);
        }
    }

    int acquire() {
        try {
            return free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void release(int user) {
        free.add(user);
    }
}
