package io.github.smsotp.limits;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.keycloak.models.SingleUseObjectProvider;

/**
 * Counts the operations that reach Keycloak's single-use store, by kind: on a cluster, each is a
 * round trip to the node that owns the key ({@code put} at the request's commit).
 */
public final class CountingStore implements SingleUseObjectProvider {

    private final SingleUseObjectProvider store;
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    public CountingStore(SingleUseObjectProvider store) {
        this.store = store;
    }

    /** The counts since the last call, by operation, and resets them. */
    public Map<String, Integer> take() {
        Map<String, Integer> taken = new TreeMap<>();
        counts.forEach((operation, count) -> taken.put(operation, count.getAndSet(0)));
        taken.values().removeIf(count -> count == 0);
        return taken;
    }

    private void count(String operation) {
        counts.computeIfAbsent(operation, key -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public void put(String key, long lifespanSeconds, Map<String, String> notes) {
        count("put");
        store.put(key, lifespanSeconds, notes);
    }

    @Override
    public Map<String, String> get(String key) {
        count("get");
        return store.get(key);
    }

    @Override
    public Map<String, String> remove(String key) {
        count("remove");
        return store.remove(key);
    }

    @Override
    public boolean replace(String key, Map<String, String> notes) {
        count("replace");
        return store.replace(key, notes);
    }

    @Override
    public boolean putIfAbsent(String key, long lifespanInSeconds) {
        count("putIfAbsent");
        return store.putIfAbsent(key, lifespanInSeconds);
    }

    @Override
    public boolean contains(String key) {
        count("contains");
        return store.contains(key);
    }

    @Override
    public void close() {
        store.close();
    }
}
