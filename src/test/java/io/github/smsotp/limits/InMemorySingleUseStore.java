package io.github.smsotp.limits;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.keycloak.models.SingleUseObjectProvider;

/** Keycloak's single-use store contract (atomic putIfAbsent, lifespans) in memory, on a test clock. */
final class InMemorySingleUseStore implements SingleUseObjectProvider {

    private record Entry(Map<String, String> notes, Instant expires) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;

    InMemorySingleUseStore(Clock clock) {
        this.clock = clock;
    }

    int size() {
        entries.values().removeIf(e -> !clock.instant().isBefore(e.expires()));
        return entries.size();
    }

    @Override
    public void put(String key, long lifespanSeconds, Map<String, String> notes) {
        entries.put(key, new Entry(Map.copyOf(notes), clock.instant().plusSeconds(lifespanSeconds)));
    }

    @Override
    public Map<String, String> get(String key) {
        Entry entry = live(key);
        return entry == null ? null : entry.notes();
    }

    @Override
    public Map<String, String> remove(String key) {
        Entry entry = entries.remove(key);
        return entry == null ? null : entry.notes();
    }

    @Override
    public boolean replace(String key, Map<String, String> notes) {
        throw new UnsupportedOperationException("not used: it would drop the entry's lifespan");
    }

    @Override
    public boolean putIfAbsent(String key, long lifespanSeconds) {
        Instant now = clock.instant();
        Entry fresh = new Entry(Map.of(), now.plusSeconds(lifespanSeconds));
        Entry result = entries.compute(key, (k, old) -> old == null || !now.isBefore(old.expires()) ? fresh : old);
        return result == fresh;
    }

    @Override
    public boolean contains(String key) {
        return live(key) != null;
    }

    private Entry live(String key) {
        Entry entry = entries.get(key);
        return entry == null || !clock.instant().isBefore(entry.expires()) ? null : entry;
    }

    @Override
    public void close() {
    }
}
