package io.github.smsotp.bench;

import java.util.List;

import io.github.smsotp.it.GatewayStub;

/**
 * Login throughput and latency of the SMS step next to password-only and Keycloak's own TOTP
 * form at 8, 16 and 32 concurrent users on one Keycloak, in rounds (see {@link SignInSimulation}),
 * then under gateway latency and outage and with the realm's SMS budget spent, with password-only
 * logins running alongside. {@code mvn -Pbenchmark verify} runs it; {@code -Dbench.seconds=40} sets
 * each phase's length. Prints the table {@link BenchmarkReport} writes to {@code target/benchmark/results.md}.
 */
public class LoginBenchmark extends SignInSimulation {

    static final int[] USER_COUNTS = {8, 16, 32};
    /**
     * In phase lengths. With two, on Keycloak's one core, the JIT compiler still took 12 to 24 % of
     * that core through every round, and A's sign-ins per s rose by 15 to 56 % from a level's first
     * round to its last. With four, on both cores, it still took 17 to 19 % at 8 users and was done
     * (0 to 8 %) from 16 users on, about 300 s after the start. With eight, the first rounds (at 8
     * users, right after the pin) still showed 11 to 18 %.
     */
    static final int WARM_UP_PHASES = 12;
    static final String BUDGET_SPENT = "C @8, realm budget spent";

    private final BenchmarkEnvironment environment;

    public LoginBenchmark() throws Exception {
        environment = BenchmarkEnvironment.start(USERS);
        CpuPinning.pin(ProcessHandle.current().pid(), CpuPinning.DRIVER_CORE);
        Placement here = Placement.one(environment.baseUrl());
        List<Contender> compared = Contender.abc(here);
        phases.add(warmUp(compared, WARM_UP_PHASES)
                .with(once("warm-up: the sign-in that spends the realm budget", LoginVariant.SMS_BUDGET_FIRST, here)));
        for (int users : USER_COUNTS) {
            phases.addAll(rounds(users, compared));
        }
        phases.add(step("C @32, gateway 200 ms", LoginVariant.SMS_200, 32, PHASE, here));
        phases.add(step("C @32, gateway 0 ms", LoginVariant.SMS, 32, PHASE, here)
                .with(run("A @8 beside C, gateway 0 ms", LoginVariant.PASSWORD, 8, PHASE, here)));
        phases.add(step("C @32, gateway 1000 ms", LoginVariant.SMS_1000, 32, PHASE, here)
                .with(run("A @8 beside C, gateway 1000 ms", LoginVariant.PASSWORD, 8, PHASE, here)));
        phases.add(step("C @8, gateway refuses connections", LoginVariant.SMS_REFUSED, 8, PHASE, here)
                .with(run("A @8 beside C, gateway refusing", LoginVariant.PASSWORD, 8, PHASE, here)));
        phases.add(step("C @8, gateway hangs", LoginVariant.SMS_HANGING, 8, PHASE, here)
                .with(run("A @8 beside C, gateway hanging", LoginVariant.PASSWORD, 8, PHASE, here)));
        phases.add(step(BUDGET_SPENT, LoginVariant.SMS_BUDGET_SPENT, 8, PHASE, here)
                .with(run("A @8 beside C, budget spent", LoginVariant.PASSWORD, 8, PHASE, here)));
        setUp(inSequence()).protocols(protocol(environment.baseUrl()));
    }

    @Override
    GatewayStub gateway(LoginVariant variant) {
        return environment.gateway(variant);
    }

    @Override
    void warmedUp() {
        environment.pinKeycloak();
    }

    @Override
    ServerCounters counters() {
        return environment.counters();
    }

    @Override
    public void after() {
        finish("results.md", () -> new BenchmarkReport(timings, environment, PHASE).markdown(), environment);
    }
}
