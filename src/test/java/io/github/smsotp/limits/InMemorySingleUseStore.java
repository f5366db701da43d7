package io.github.smsotp.limits;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.keycloak.models.SingleUseObjectProvider;

/**
 * Keycloak's single-use store in memory, on a test clock, with the semantics of its Infinispan
 * implementation (26.5 and 26.7): {@code put} is queued and runs when the request's transaction
 * commits, and only {@code get} in the same request sees it; {@code putIfAbsent}, {@code remove},
 * {@code replace} and {@code contains} act on the cache at once; a second {@code put} of a key in
 * one request and a lifespan under one second are errors. Code under test runs inside
 * {@link #request}; a {@code put} outside one is an error too.
 */
public final class InMemorySingleUseStore implements SingleUseObjectProvider {

    private record Entry(Map<String, String> notes, Instant expires) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    /** The queued puts of the request running on each thread, in order. */
    private final ThreadLocal<Map<String, Entry>> transaction = new ThreadLocal<>();
    private final Clock clock;

    public InMemorySingleUseStore(Clock clock) {
        this.clock = clock;
    }

    /** Runs one request: its deferred writes are applied after it returns, as Keycloak commits them. */
    public <T> T request(Supplier<T> work) {
        Map<String, Entry> queued = new LinkedHashMap<>();
        transaction.set(queued);
        try {
            return work.get();
        } finally {
            transaction.remove();
            entries.putAll(queued);
        }
    }

    /** A request without a result. */
    public void run(Runnable work) {
        request(() -> {
            work.run();
            return null;
        });
    }

    public int size() {
        return live().size();
    }

    /** What the store holds now, key by key, with each entry's notes and expiry (a write shows as a change). */
    public Map<String, String> live() {
        entries.values().removeIf(e -> !clock.instant().isBefore(e.expires()));
        Map<String, String> live = new TreeMap<>();
        entries.forEach((key, entry) -> live.put(key, entry.notes() + " until " + entry.expires()));
        return live;
    }

    @Override
    public void put(String key, long lifespanSeconds, Map<String, String> notes) {
        Map<String, Entry> queued = transaction.get();
        if (queued == null) {
            throw new IllegalStateException("put outside a request: Keycloak would run it at commit");
        }
        if (queued.containsKey(key)) {
            throw new IllegalStateException("Can't add session: task in progress for session");
        }
        queued.put(key, new Entry(Map.copyOf(notes), expiry(lifespanSeconds)));
    }

    @Override
    public boolean replace(String key, Map<String, String> notes) {
        Entry current = live(key);
        return current != null && entries.replace(key, current, new Entry(Map.copyOf(notes), current.expires()));
    }

    @Override
    public Map<String, String> get(String key) {
        Map<String, Entry> queued = transaction.get();
        Entry entry = queued != null && queued.containsKey(key) ? queued.get(key) : live(key);
        return entry == null ? null : entry.notes();
    }

    @Override
    public Map<String, String> remove(String key) {
        Entry entry = entries.remove(key);
        return entry == null || !clock.instant().isBefore(entry.expires()) ? null : entry.notes();
    }

    @Override
    public boolean putIfAbsent(String key, long lifespanSeconds) {
        Instant now = clock.instant();
        Entry fresh = new Entry(Map.of(), expiry(lifespanSeconds));
        Entry result = entries.compute(key, (k, old) -> old == null || !now.isBefore(old.expires()) ? fresh : old);
        return result == fresh;
    }

    @Override
    public boolean contains(String key) {
        return live(key) != null;
    }

    private Instant expiry(long lifespanSeconds) {
        if (lifespanSeconds <= 0) {
            throw new IllegalArgumentException("lifespanSeconds must be positive");
        }
        return clock.instant().plusSeconds(lifespanSeconds);
    }

    private Entry live(String key) {
        Entry entry = entries.get(key);
        return entry == null || !clock.instant().isBefore(entry.expires()) ? null : entry;
    }

    @Override
    public void close() {
    }
}
