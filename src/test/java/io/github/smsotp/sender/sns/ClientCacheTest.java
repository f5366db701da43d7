package io.github.smsotp.sender.sns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ClientCacheTest {

    /** A stand-in for an SDK client that knows whether it was closed. */
    static final class Client implements AutoCloseable {

        final String key;
        boolean closed;

        Client(String key) {
            this.key = key;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private final List<Client> built = new ArrayList<>();
    private final ClientCache<String, Client> cache = new ClientCache<>(3, key -> {
        Client client = new Client(key);
        built.add(client);
        return client;
    });

    @Test
    void equalSettingsShareOneClient() {
        Client first = cache.use("a", c -> c);

        Client second = cache.use("a", c -> c);
        assertThat(second).isSameAs(first);
        assertThat(built).hasSize(1);
    }

    @Test
    void everyNewSettingBeyondTheCapacityClosesTheLeastRecentlyUsedClient() {
        for (int change = 0; change < 100; change++) {
            cache.use("secret-" + change, c -> c);
        }

        assertThat(cache.size()).isEqualTo(3);
        assertThat(built).hasSize(100);
        assertThat(built.subList(0, 97)).allMatch(c -> c.closed);
        assertThat(built.subList(97, 100)).noneMatch(c -> c.closed);
    }

    @Test
    void theLeastRecentlyUsedClientGoesFirst() {
        cache.use("a", c -> c);
        cache.use("b", c -> c);
        cache.use("c", c -> c);
        cache.use("a", c -> c);
        cache.use("d", c -> c);

        assertThat(built).filteredOn(c -> c.closed).extracting(c -> c.key).containsExactly("b");
    }

    @Test
    void aDroppedClientStillServingACallIsClosedWhenTheCallEnds() {
        Client inUse = cache.use("slow", slow -> {
            for (int change = 0; change < 5; change++) {
                cache.use("other-" + change, c -> c);
            }
            assertThat(slow.closed).as("closed under a running call").isFalse();
            return slow;
        });

        assertThat(inUse.closed).isTrue();
        assertThat(cache.size()).isEqualTo(3);
    }

    @Test
    void closingTheCacheClosesEveryClient() {
        cache.use("a", c -> c);
        cache.use("b", c -> c);
        cache.close();

        assertThat(built).allMatch(c -> c.closed);
        assertThat(cache.size()).isZero();
    }
}
