package io.github.smsotp.bench;

import static io.gatling.javaapi.core.CoreDsl.css;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.exitBlockOnFail;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.headerRegex;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import io.github.smsotp.it.GatewayStub;
import io.github.smsotp.it.KeycloakServer;
import io.github.smsotp.it.Totp;

/**
 * Login throughput and latency of the SMS step next to password-only and Keycloak's own TOTP
 * form at 8, 16 and 32 concurrent users, then under gateway latency and outage and with the realm's
 * SMS budget spent, with password-only logins running alongside. A, B and C are compared in short
 * slices taken in turn, {@link #ROUNDS} rounds with the order rotated, so that JIT warm-up and the
 * machine's drift fall on all three alike; each round gives its own ratio. {@code mvn -Pbenchmark
 * verify} runs it; {@code -Dbench.seconds=30} sets each phase's length (a slice is a third of it).
 * Prints the table {@link BenchmarkReport} writes to {@code target/benchmark/results.md}.
 */
public class LoginBenchmark extends Simulation {

    static final int[] USER_COUNTS = {8, 16, 32};
    static final int ROUNDS = 3;
    static final List<LoginVariant> COMPARED = List.of(LoginVariant.PASSWORD, LoginVariant.TOTP, LoginVariant.SMS);
    private static final Duration PHASE = Duration.ofSeconds(Integer.getInteger("bench.seconds", 30));
    private static final Duration SLICE = PHASE.dividedBy(ROUNDS);
    /** Handed out in turn: at 75 sign-ins per s a user comes round again after 55 s, over a TOTP period. */
    private static final int USERS = 4096;

    private final BenchmarkEnvironment environment;
    private final StepTimings timings = new StepTimings();
    private final UserPool pool = new UserPool(USERS);
    private final String lastPhase;

    public LoginBenchmark() throws Exception {
        environment = BenchmarkEnvironment.start(USERS);
        List<Step> phases = new ArrayList<>();
        // Two phase lengths of all three side by side, so the JIT has compiled every path before A @8.
        phases.add(step("warm-up C", LoginVariant.SMS, 8, PHASE.multipliedBy(2))
                .with(run("warm-up A", LoginVariant.PASSWORD, 8, PHASE.multipliedBy(2)))
                .with(run("warm-up B", LoginVariant.TOTP, 8, PHASE.multipliedBy(2)))
                .with(once("warm-up: the sign-in that spends the realm budget", LoginVariant.SMS_BUDGET_FIRST)));
        for (int users : USER_COUNTS) {
            for (int round = 1; round <= ROUNDS; round++) {
                for (int i = 0; i < COMPARED.size(); i++) {
                    LoginVariant variant = COMPARED.get((round - 1 + i) % COMPARED.size());
                    phases.add(step(slice(variant, users, round), variant, users, SLICE));
                }
            }
        }
        phases.add(step("C @32, gateway 200 ms", LoginVariant.SMS_200, 32, PHASE));
        phases.add(step("C @32, gateway 0 ms", LoginVariant.SMS, 32, PHASE)
                .with(run("A @8 beside C, gateway 0 ms", LoginVariant.PASSWORD, 8, PHASE)));
        phases.add(step("C @32, gateway 1000 ms", LoginVariant.SMS_1000, 32, PHASE)
                .with(run("A @8 beside C, gateway 1000 ms", LoginVariant.PASSWORD, 8, PHASE)));
        phases.add(step("C @8, gateway refuses connections", LoginVariant.SMS_REFUSED, 8, PHASE)
                .with(run("A @8 beside C, gateway refusing", LoginVariant.PASSWORD, 8, PHASE)));
        phases.add(step("C @8, gateway hangs", LoginVariant.SMS_HANGING, 8, PHASE)
                .with(run("A @8 beside C, gateway hanging", LoginVariant.PASSWORD, 8, PHASE)));
        phases.add(step(BUDGET_SPENT, LoginVariant.SMS_BUDGET_SPENT, 8, PHASE)
                .with(run("A @8 beside C, budget spent", LoginVariant.PASSWORD, 8, PHASE)));

        lastPhase = phases.get(phases.size() - 1).name();
        setUp(inSequence(phases)).protocols(http.baseUrl(environment.baseUrl()).disableFollowRedirect()
                .acceptHeader("text/html").userAgentHeader("keycloak-sms-otp benchmark"));
    }

    static final String BUDGET_SPENT = "C @8, realm budget spent";

    /** One slice's name, e.g. "B @16 #2". */
    static String slice(LoginVariant variant, int users, int round) {
        return variant.scenario + " @" + users + " #" + round;
    }

    @Override
    public void after() {
        try {
            timings.phase(lastPhase).sendsAfter = environment.sendTimer();
            BenchmarkReport report = new BenchmarkReport(timings, environment, PHASE);
            Path file = KeycloakServer.buildDir().resolve("benchmark/results.md");
            report.writeTo(file);
            System.out.println(report.markdown());
            System.out.println("Written to " + file);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            try {
                environment.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One phase: its main population (whose name it reports under) first, any running beside it after. */
    private record Step(String name, List<PopulationBuilder> populations) {

        Step with(PopulationBuilder beside) {
            List<PopulationBuilder> all = new ArrayList<>(populations);
            all.add(beside);
            return new Step(name, all);
        }
    }

    private Step step(String name, LoginVariant variant, int users, Duration length) {
        return new Step(name, List.of(run(name, variant, users, length)));
    }

    /**
     * Phases one after the other: each starts when the main population of the one before has
     * ended (the one whose sign-ins take longest), after a 2 s pause to let queues drain. At each
     * pause Keycloak's own send timer is read, so each phase knows the time its gateway calls took.
     */
    private List<PopulationBuilder> inSequence(List<Step> phases) {
        timings.phase(phases.get(0).name()).sendsBefore = environment.sendTimer();
        List<PopulationBuilder> next = phases.get(phases.size() - 1).populations();
        for (int i = phases.size() - 2; i >= 0; i--) {
            StepTimings.Phase ended = timings.phase(phases.get(i).name());
            StepTimings.Phase following = timings.phase(phases.get(i + 1).name());
            PopulationBuilder pause = scenario("pause after " + ended.name)
                    .exec(session -> {
                        ended.sendsAfter = environment.sendTimer();
                        following.sendsBefore = ended.sendsAfter;
                        return session;
                    })
                    .pause(Duration.ofSeconds(2))
                    .injectOpen(atOnceUsers(1)).andThen(next);
            List<PopulationBuilder> phase = new ArrayList<>(phases.get(i).populations());
            phase.set(0, phase.get(0).andThen(pause));
            next = phase;
        }
        return next;
    }

    /** One population: {@code users} virtual users signing in with {@code variant}, for the phase's length. */
    private PopulationBuilder run(String name, LoginVariant variant, int users, Duration length) {
        return signIns(name, variant).injectClosed(constantConcurrentUsers(users).during(length));
    }

    /** One virtual user signing in once. */
    private PopulationBuilder once(String name, LoginVariant variant) {
        return signIns(name, variant).injectOpen(atOnceUsers(1));
    }

    private ScenarioBuilder signIns(String name, LoginVariant variant) {
        StepTimings.Phase phase = timings.phase(name);
        return scenario(name)
                .exec(session -> {
                    int user = pool.acquire();
                    phase.started(System.nanoTime());
                    return session.set("user", user).set("username", BenchmarkRealm.username(user))
                            .set("phone", BenchmarkRealm.phone(user)).set("since", System.nanoTime());
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
        ChainBuilder chain = exec(http("login page").get("/realms/" + BenchmarkRealm.NAME + "/protocol/openid-connect/auth")
                .queryParam("client_id", variant.clientId).queryParam("response_type", "code")
                .queryParam("scope", "openid").queryParam("state", "bench").queryParam("redirect_uri", BenchmarkRealm.CALLBACK)
                .check(status().is(200), css("#kc-form-login", "action").saveAs("action")))
                .exec(session -> timed(session, phase, "login page"));
        HttpRequestActionBuilder password = http("password").post(session -> action(session, "action"))
                .formParam("username", "#{username}").formParam("password", "bench");
        chain = switch (variant.factor) {
            case NONE -> chain.exec(password.check(status().is(302), headerRegex("Location", "[?&]code=").exists()))
                    .exec(session -> timed(session, phase, "password"));
            case TOTP -> chain.exec(password.check(status().is(200), css("#kc-otp-login-form", "action").saveAs("action")))
                    .exec(session -> timed(session, phase, "password"))
                    .exec(http("totp code").post(session -> action(session, "action"))
                            .formParam("otp", session -> Totp.now(BenchmarkEnvironment.TOTP_SECRET, BenchmarkRealm.TOTP_PERIOD_SECONDS))
                            .check(status().is(302), headerRegex("Location", "[?&]code=").exists()))
                    .exec(session -> timed(session, phase, "second factor"));
            case SMS -> chain.exec(password.check(status().is(200), css("#kc-sms-otp-form", "action").saveAs("action")))
                    .exec(session -> timed(session, phase, "password"))
                    .exec(http("sms code").post(session -> action(session, "action"))
                            .formParam("code", session -> smsCode(variant, session))
                            .check(status().is(302), headerRegex("Location", "[?&]code=").exists()))
                    .exec(session -> timed(session, phase, "second factor"));
            // What the user must see when the gateway is down: the could-not-send page, promptly.
            case SEND_FAILS -> chain.exec(password.check(status().is(200), substring("We could not send the SMS").exists()))
                    .exec(session -> timed(session, phase, "password"));
            // The realm's budget is spent: the refusal, as fast as a password step, and no SMS.
            case REFUSED -> chain.exec(password.check(status().is(200), substring("Too many codes were requested").exists()))
                    .exec(session -> timed(session, phase, "password"));
        };
        return chain;
    }

    /** Records the step that just ended and restarts the clock for the next one. */
    private static Session timed(Session session, StepTimings.Phase phase, String step) {
        long now = System.nanoTime();
        phase.step(step, session.getLong("since"), now);
        return session.set("since", now);
    }

    /** A form action saved from the page (HTML-escaped there). */
    private static String action(Session session, String key) {
        return session.getString(key).replace("&amp;", "&");
    }

    private String smsCode(LoginVariant variant, Session session) {
        GatewayStub gateway = environment.gateway(variant);
        return gateway.latestTo(session.getString("phone")).map(GatewayStub.Received::code).orElse("000000");
    }
}
