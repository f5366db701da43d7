package io.github.smsotp.it.clients;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.smsotp.it.clients.Browser.Page;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.stubs.RealmGateway;

/**
 * SMS pumping as a bot runs it, for the tests and the benchmark alike: registrations from ever new
 * client addresses (each its own {@code X-Forwarded-For}) to ever new Latvian mobile numbers spread
 * over 25 blocks of 10,000, none of whose codes comes back; beside it, users with proven numbers
 * signing in with password and SMS, one after the other, each from an address of its own.
 */
public final class PumpingAttack {

    /** What the registration's code page says where the pumping guard refused the code. */
    public static final String THROTTLED = "Codes cannot be sent to this number right now.";
    /** The country under attack. */
    public static final String COUNTRY = "+371";
    private static final int BLOCKS = 25;

    /**
     * @param leaked          SMS to the attacked country that reached the gateway
     * @param refused         registrations whose code page said the code was refused
     * @param trippedAfter    from the attack's start to the first refusal; null if none
     * @param signIns         sign-ins with proven numbers that succeeded while the attack ran
     * @param failedSignIns   what went wrong in those that did not
     */
    public record Outcome(int registrations, Duration took, int leaked, int refused, Duration trippedAfter,
                          int signIns, List<String> failedSignIns) {
    }

    private final KeycloakServer server;
    private final String realm;

    public PumpingAttack(KeycloakServer server, String realm) {
        this.server = server;
        this.realm = realm;
    }

    /**
     * Creates a realm with registration by number, its SMS settings at their defaults (the tests'
     * template switches the guard off) with {@code settings} on top, and a cheap password hash: the
     * bots' passwords are not what is measured.
     */
    public static void createRealm(KeycloakServer server, String realm, Map<String, String> settings) {
        Registration.realm(server, realm, Map.of(), r -> atDefaults(r, settings));
    }

    /** {@code registrations} sign-ups by {@code bots} at once, while proven numbers sign in beside them. */
    public Outcome run(int registrations, int bots) throws Exception {
        AtomicBoolean attacking = new AtomicBoolean(true);
        SignIns beside = new SignIns(attacking);
        Thread signingIn = new Thread(beside, "legitimate-sign-ins");
        long start = System.nanoTime();
        AtomicLong trippedAfter = new AtomicLong(-1);
        AtomicInteger refused = new AtomicInteger();
        signingIn.start();
        ExecutorService pool = Executors.newFixedThreadPool(bots);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < registrations; i++) {
                int bot = i;
                runs.add(pool.submit(() -> {
                    Page page = Registration.register(server, new Browser(address(bot)), realm,
                            String.format("bot-%05d", bot), number(bot));
                    // The number's code page, with the code form where a code went out.
                    if (!page.has("#kc-sms-otp-change-form")) {
                        throw new AssertionError("registration " + bot + " ended on: " + page.text());
                    }
                    if (page.text().contains(THROTTLED)) {
                        refused.incrementAndGet();
                        trippedAfter.compareAndSet(-1, System.nanoTime() - start);
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
            attacking.set(false);
            signingIn.join(Duration.ofMinutes(2).toMillis());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        int leaked = (int) new RealmGateway(server, realm).all().stream().filter(sms -> sms.to().startsWith(COUNTRY))
                .count();
        return new Outcome(registrations, took, leaked, refused.get(),
                trippedAfter.get() < 0 ? null : Duration.ofNanos(trippedAfter.get()), beside.succeeded.get(),
                beside.failures());
    }

    /** Sign-ins with proven numbers, one after the other, for {@code length}; how many succeeded. */
    public int signInsAlone(Duration length) throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        SignIns alone = new SignIns(running);
        Thread thread = new Thread(alone, "sign-ins-alone");
        thread.start();
        Thread.sleep(length.toMillis());
        running.set(false);
        thread.join(Duration.ofMinutes(2).toMillis());
        return alone.succeeded.get();
    }

    /** A password and SMS sign-in of a user with a proven number; null when it worked, else what went wrong. */
    public String signIn(String username, String address) {
        try {
            SmsLogin login = new SmsLogin(server, realm, username, address);
            Page codePage = login.codePage();
            Page done = login.enter(codePage, new RealmGateway(server, realm).awaitCode(login.phone()));
            return done.loggedIn() ? null : username + ": " + done.text();
        } catch (RuntimeException | AssertionError e) {
            return username + ": " + e;
        }
    }

    /** Every bot its own client address, as a proxy would forward it. */
    public static String address(int bot) {
        return String.format("10.%d.%d.%d", 1 + bot / 62_500, bot / 250 % 250, bot % 250 + 1);
    }

    /** The bot's number: +371 2BBB NNNN, block BBB of 25. */
    public static String number(int bot) {
        return String.format("%s 2%03d %04d", COUNTRY, bot % BLOCKS, bot / BLOCKS);
    }

    private static void atDefaults(ObjectNode realm, Map<String, String> settings) {
        Set<String> templateOnly = Set.of("guard-block-sends", "guard-country-sends");
        for (JsonNode config : realm.withArray("authenticatorConfig")) {
            if (config.path("alias").asText().equals("sms-otp-it")) {
                ((ObjectNode) config.path("config")).remove(templateOnly);
                settings.forEach(((ObjectNode) config.path("config"))::put);
            }
        }
        for (JsonNode action : realm.withArray("requiredActions")) {
            if (action.path("alias").asText().equals("sms-otp-phone")) {
                ((ObjectNode) action.path("config")).remove(templateOnly);
                settings.forEach(((ObjectNode) action.path("config"))::put);
            }
        }
        realm.put("passwordPolicy", "hashAlgorithm(pbkdf2-sha256) and hashIterations(1)");
        realm.put("adminEventsEnabled", true).put("adminEventsDetailsEnabled", true);
    }

    /** Users 05 to 14 of the test realm in turn, whose numbers the realm trusts: sign-ins that need SMS. */
    private final class SignIns implements Runnable {

        private final AtomicBoolean running;
        private final AtomicInteger succeeded = new AtomicInteger();
        private final List<String> failed = new ArrayList<>();

        SignIns(AtomicBoolean running) {
            this.running = running;
        }

        @Override
        public void run() {
            for (int i = 0; running.get(); i++) {
                String failure = signIn(String.format("user%02d", 5 + i % 10), "10.200." + (i / 250 % 250) + "." + (i % 250 + 1));
                if (failure == null) {
                    succeeded.incrementAndGet();
                } else {
                    synchronized (failed) {
                        failed.add(failure);
                    }
                }
            }
        }

        List<String> failures() {
            synchronized (failed) {
                return List.copyOf(failed);
            }
        }
    }
}
