package io.github.smsotp.sender.sns;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.function.Function;

import org.jboss.logging.Logger;

/**
 * SDK clients by the settings they are built from, at most {@code capacity} of them. Every change
 * of settings (a rotated secret, another region or timeout) makes a new key and so a new client;
 * the least recently used client beyond the capacity is dropped and closed as soon as no send is
 * using it, so neither the map nor the clients' resources grow with each change.
 */
final class ClientCache<K, C extends AutoCloseable> {

    private static final Logger LOG = Logger.getLogger(ClientCache.class);

    private final int capacity;
    private final Function<K, C> build;
    /** In access order: the first entry is the least recently used. */
    private final LinkedHashMap<K, Entry<C>> entries = new LinkedHashMap<>(16, 0.75f, true);

    ClientCache(int capacity, Function<K, C> build) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.capacity = capacity;
        this.build = build;
    }

    /** Runs a call with the client for these settings, built on first use. */
    <R> R use(K key, Function<C, R> call) {
        Entry<C> entry = acquire(key);
        try {
            return call.apply(entry.client);
        } finally {
            release(entry);
        }
    }

    /** Clients held for reuse (dropped ones still finishing a call are not counted). */
    synchronized int size() {
        return entries.size();
    }

    /** Closes every client not in use now, and the others when their calls end. */
    synchronized void close() {
        entries.values().forEach(this::drop);
        entries.clear();
    }

    private synchronized Entry<C> acquire(K key) {
        Entry<C> entry = entries.get(key);
        if (entry == null) {
            entry = new Entry<>(build.apply(key));
            entries.put(key, entry);
            for (Iterator<Entry<C>> eldest = entries.values().iterator(); entries.size() > capacity; ) {
                drop(eldest.next());
                eldest.remove();
            }
        }
        entry.users++;
        return entry;
    }

    private synchronized void release(Entry<C> entry) {
        entry.users--;
        if (entry.dropped && entry.users == 0) {
            closeQuietly(entry.client);
        }
    }

    private void drop(Entry<C> entry) {
        entry.dropped = true;
        if (entry.users == 0) {
            closeQuietly(entry.client);
        }
    }

    private static void closeQuietly(AutoCloseable client) {
        try {
            client.close();
        } catch (Exception e) {
            LOG.debugf("closing an unused client failed: %s", e.getClass().getName());
        }
    }

    private static final class Entry<C> {

        final C client;
        int users;
        boolean dropped;

        Entry(C client) {
            this.client = client;
        }
    }
}
