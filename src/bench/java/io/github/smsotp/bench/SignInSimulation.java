package io.github.smsotp.bench;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.css;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.headerRegex;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import io.github.smsotp.it.clients.Totp;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.stubs.GatewayStub;

/**
 * The sign-ins the benchmarks drive (password only, Keycloak's OTP form, the SMS step), the phases
 * they run in, one after the other, and the rounds in which A, B and C (and on a cluster, C with
 * the code on the other node) are compared: short slices taken in turn, {@link #ROUNDS} rounds with
 * the order rotated, so that JIT warm-up and the machine's drift fall on all alike and each round
 * gives its own ratio.
 */
abstract class SignInSimulation extends Simulation {

    /** A phase is this many slices long: the default rounds, and a slice's length whatever the rounds. */
    private static final int SLICES_PER_PHASE = 5;
    /**
     * {@code -Dbench.rounds}: how many rounds each comparison takes. A ratio's median moves from run
     * to run by about 1.25 times its rounds' spread over the square root of their number: how many a
     * ±0.05 agreement needs, and how long they take, is in docs/BENCHMARKS.md ("What ±0.05 takes on
     * this machine").
     */
    static final int ROUNDS = Integer.getInteger("bench.rounds", SLICES_PER_PHASE);
    /** A, B and C: the sign-ins every report compares. */
    static final List<LoginVariant> COMPARED = List.of(LoginVariant.PASSWORD, LoginVariant.TOTP, LoginVariant.SMS);
    /** {@code -Dbench.seconds}: a phase's length. */
    static final Duration PHASE = Duration.ofSeconds(Integer.getInteger("bench.seconds", 30));
    static final Duration SLICE = PHASE.dividedBy(SLICES_PER_PHASE);
    /**
     * Handed out in turn: at 190 sign-ins per s (A at 32 users, the fastest slice) a user comes round
     * again after 86 s, well over a TOTP period. With 4,096, B at 32 users (140 per s) brought a user
     * back after 29 s, within the period, and Keycloak refused the reused code: B's errors.
     */
    static final int USERS = 16_384;

    /** What {@link #latestSms} gives where no SMS reached the phone yet (a session holds no null). */
    private static final Object NO_SMS = new Object();

    final StepTimings timings = new StepTimings();
    final List<Step> phases = new ArrayList<>();
    private final UserPool pool = new UserPool(USERS);

    /**
     * What the sign-ins run against. Keycloak goes onto its own core when the warm-up (the first
     * phase) has ended, not at its start: pinned from the start, its JIT compiler shared one core with
     * the warm-up's sign-ins, fell behind, and was still compiling through every round.
     */
    abstract LoadTarget target();

    /** Called in the pause before the phase {@code name} starts (not before the first). */
    void phaseStarting(String name) {
    }

    /** Called when the phase {@code name} has ended, its counters read. */
    void phaseEnded(String name) {
    }

    /** One slice's name, e.g. "B @16 #2". */
    static String slice(String label, int users, int round) {
        return label + " @" + users + " #" + round;
    }

    /**
     * What takes a slice in each round: a sign-in ({@code variant}) sent to the nodes {@code placement}
     * picks, reported as {@code label}.
     */
    record Contender(String label, LoginVariant variant, Placement placement) {

        /** A, B and C, labelled as their scenarios, all placed alike. */
        static List<Contender> abc(Placement placement) {
            return COMPARED.stream().map(variant -> new Contender(variant.scenario, variant, placement)).toList();
        }
    }

    /** One phase: its main population (whose name it reports under) first, any running beside it after. */
    record Step(String name, List<PopulationBuilder> populations) {

        Step with(PopulationBuilder beside) {
            List<PopulationBuilder> all = new ArrayList<>(populations);
            all.add(beside);
            return new Step(name, all);
        }
    }

    /**
     * The warm-up: every contender side by side at 8 users for {@code phases} phase lengths, so the
     * JIT has compiled every path before the first round.
     */
    Step warmUp(List<Contender> contenders, int phases) {
        Duration length = PHASE.multipliedBy(phases);
        Contender first = contenders.get(0);
        Step warmUp = step("warm-up " + first.label(), first.variant(), 8, length, first.placement());
        for (Contender other : contenders.subList(1, contenders.size())) {
            warmUp = warmUp.with(run("warm-up " + other.label(), other.variant(), 8, length, other.placement()));
        }
        return warmUp;
    }

    /** The contenders at {@code users}, in {@link #ROUNDS} rounds of one slice each, the order rotated each round. */
    List<Step> rounds(int users, List<Contender> contenders) {
        return inTurn(contenders.stream().<IntFunction<Step>>map(contender -> round -> step(
                slice(contender.label(), users, round), contender.variant(), users, SLICE, contender.placement()))
                .toList());
    }

    /**
     * {@link #ROUNDS} rounds of one slice each of {@code slices} (each made for its round's number),
     * the order rotated each round: A B C, B C A, C A B, ...
     */
    static List<Step> inTurn(List<IntFunction<Step>> slices) {
        List<Step> rounds = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            for (int i = 0; i < slices.size(); i++) {
                rounds.add(slices.get((round - 1 + i) % slices.size()).apply(round));
            }
        }
        return rounds;
    }

    Step step(String name, LoginVariant variant, int users, Duration length, Placement placement) {
        return new Step(name, List.of(run(name, variant, users, length, placement)));
    }

    /** One population: {@code users} virtual users signing in with {@code variant}, for {@code length}. */
    PopulationBuilder run(String name, LoginVariant variant, int users, Duration length, Placement placement) {
        return signIns(name, variant, placement).injectClosed(constantConcurrentUsers(users).during(length));
    }

    /** One virtual user signing in once. */
    PopulationBuilder once(String name, LoginVariant variant, Placement placement) {
        return signIns(name, variant, placement).injectOpen(atOnceUsers(1));
    }

    /** The protocol every request shares: no redirects followed, so each step's answer is checked as it comes. */
    static HttpProtocolBuilder protocol(String baseUrl) {
        return http.baseUrl(baseUrl).disableFollowRedirect().acceptHeader("text/html")
                .userAgentHeader("keycloak-sms-otp benchmark");
    }

    /**
     * Phases one after the other: each starts when the main population of the one before has
     * ended (the one whose sign-ins take longest), after a 2 s pause to let queues drain. At each
     * pause Keycloak's own counters are read, so each phase knows its gateway calls and store operations.
     */
    List<PopulationBuilder> inSequence() {
        timings.phase(phases.get(0).name()).before = target().counters();
        List<PopulationBuilder> next = phases.get(phases.size() - 1).populations();
        for (int i = phases.size() - 2; i >= 0; i--) {
            StepTimings.Phase ended = timings.phase(phases.get(i).name());
            StepTimings.Phase following = timings.phase(phases.get(i + 1).name());
            boolean warmUpEnded = i == 0;
            PopulationBuilder pause = scenario("pause after " + ended.name)
                    .exec(session -> {
                        ended.after = target().counters();
                        phaseEnded(ended.name);
                        if (warmUpEnded) {
                            target().pinKeycloak();
                        }
                        return session;
                    })
                    .pause(Duration.ofSeconds(2))
                    // Read again after the pause: what Keycloak does while its queues drain is no phase's.
                    .exec(session -> {
                        phaseStarting(following.name);
                        following.before = target().counters();
                        return session;
                    })
                    .injectOpen(atOnceUsers(1)).andThen(next);
            List<PopulationBuilder> phase = new ArrayList<>(phases.get(i).populations());
            phase.set(0, phase.get(0).andThen(pause));
            next = phase;
        }
        return next;
    }

    /**
     * After the last phase (whose pause never comes): reads the counters, writes the report to
     * {@code target/benchmark/<file>} and prints it, and stops what the run started.
     */
    void finish(String file, Supplier<String> report, AutoCloseable environment) {
        try {
            String last = phases.get(phases.size() - 1).name();
            timings.phase(last).after = target().counters();
            phaseEnded(last);
            String markdown = report.get();
            Path written = KeycloakServer.buildDir().resolve("benchmark").resolve(file);
            Files.createDirectories(written.getParent());
            Files.writeString(written, markdown);
            System.out.println(markdown);
            System.out.println("Written to " + written);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                environment.close();
            } catch (Exception e) {
                System.err.println("Stopping the servers failed: " + e);
            }
        }
    }

    private ScenarioBuilder signIns(String name, LoginVariant variant, Placement placement) {
        StepTimings.Phase phase = timings.phase(name);
        return scenario(name)
                .exec(session -> {
                    int user = pool.acquire();
                    phase.started(System.nanoTime());
                    return session.set("user", user).set("username", BenchmarkRealm.username(user))
                            .set("phone", BenchmarkRealm.phone(user)).set("first", placement.first().apply(user))
                            .set("second", placement.second().apply(user)).set("since", System.nanoTime());
                })
                .exitBlockOnFail().on(signIn(phase, variant))
                .exec(session -> {
                    if (session.isFailed()) {
                        phase.errors.incrementAndGet();
                    } else {
                        phase.logins.incrementAndGet();
                    }
                    pool.release(session.getInt("user"));
                    return session.markAsSucceeded();
                });
    }

    private ChainBuilder signIn(StepTimings.Phase phase, LoginVariant variant) {
        ChainBuilder chain = exec(http("login page")
                .get(session -> session.getString("first") + "/realms/" + BenchmarkRealm.NAME + "/protocol/openid-connect/auth")
                .queryParam("client_id", variant.clientId).queryParam("response_type", "code")
                .queryParam("scope", "openid").queryParam("state", "bench").queryParam("redirect_uri", BenchmarkRealm.CALLBACK)
                .check(status().is(200), css("#kc-form-login", "action").saveAs("action")))
                .exec(session -> timed(session, phase, "login page"));
        HttpRequestActionBuilder password = http("password").post(session -> action(session, "first"))
                .formParam("username", "#{username}").formParam("password", "bench");
        return switch (variant.factor) {
            case NONE -> chain.exec(password.check(status().is(302), headerRegex("Location", "[?&]code=").exists()))
                    .exec(session -> timed(session, phase, "password"));
            case TOTP -> chain.exec(password.check(status().is(200), css("#kc-otp-login-form", "action").saveAs("action")))
                    .exec(session -> timed(session, phase, "password"))
                    .exec(http("totp code").post(session -> action(session, "second"))
                            .formParam("otp", session -> Totp.now(BenchmarkEnvironment.TOTP_SECRET, BenchmarkRealm.TOTP_PERIOD_SECONDS))
                            .check(status().is(302), headerRegex("Location", "[?&]code=").exists()))
                    .exec(session -> timed(session, phase, "second factor"));
            case SMS -> chain.exec(session -> session.set("earlier", latestSms(variant, session)))
                    .exec(password.check(status().is(200), css("#kc-sms-otp-form", "action").saveAs("action")))
                    .exec(session -> timed(session, phase, "password"))
                    // The code leaves after the page: the user waits for the SMS, which no step's time holds.
                    .asLongAs(session -> latestSms(variant, session) == session.<Object>get("earlier"))
                    .on(pause(Duration.ofMillis(5)))
                    .exec(session -> session.set("since", System.nanoTime()))
                    .exec(http("sms code").post(session -> action(session, "second"))
                            .formParam("code", session -> ((GatewayStub.Received) latestSms(variant, session)).code())
                            .check(status().is(302), headerRegex("Location", "[?&]code=").exists()))
                    .exec(session -> timed(session, phase, "second factor"));
            // What the user must see when the gateway is down: the code page at once, then "could not send",
            // which the page's script learns from the send's status (asked every 250 ms here).
            case SEND_FAILS -> chain.exec(password.check(status().is(200),
                            css("#sms-otp-send-failed", "data-status-url").saveAs("status")))
                    .exec(session -> timed(session, phase, "password"))
                    .exec(session -> session.set("sendStatus", "pending"))
                    .asLongAs(session -> !"send_failed".equals(session.getString("sendStatus")))
                    .on(pause(Duration.ofMillis(250)).exec(http("send status")
                            .get(session -> session.getString("status").replace("&amp;", "&"))
                            .check(status().is(200), jsonPath("$.status").saveAs("sendStatus"))))
                    .exec(session -> timed(session, phase, "could not send"));
            // The realm's budget is spent: the refusal, as fast as a password step, and no SMS.
            case REFUSED -> chain.exec(password.check(status().is(200), substring("Too many codes were requested").exists()))
                    .exec(session -> timed(session, phase, "password"));
        };
    }

    /** Records the step that just ended and restarts the clock for the next one. */
    private static Session timed(Session session, StepTimings.Phase phase, String step) {
        long now = System.nanoTime();
        phase.step(step, session.getLong("since"), now);
        return session.set("since", now);
    }

    /** The form action saved from the page (HTML-escaped there), sent to the node the placement chose. */
    private static String action(Session session, String node) {
        return Placement.onNode(session.getString("action").replace("&amp;", "&"), session.getString(node));
    }

    /**
     * The latest SMS the user's phone got, or {@link #NO_SMS}; a user comes round again, so one of an
     * earlier sign-in may be there.
     */
    private Object latestSms(LoginVariant variant, Session session) {
        return target().gateway(variant).latestTo(session.getString("phone")).<Object>map(sms -> sms).orElse(NO_SMS);
    }
}
