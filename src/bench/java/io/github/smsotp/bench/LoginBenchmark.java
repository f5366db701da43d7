package io.github.smsotp.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;


/**
 * Login throughput and latency of the SMS step next to password-only and Keycloak's own TOTP
 * form at 8, 16 and 32 concurrent users on one Keycloak, in rounds (see {@link SignInSimulation}),
 * then under gateway latency and outage, in rounds with password-only logins alone and alongside,
 * and with the realm's SMS budget spent. {@code mvn -Pbenchmark verify} runs it; {@code -Dbench.seconds=40}
 * sets each phase's length, {@code -Dbench.rounds=5} the rounds. Prints the table {@link BenchmarkReport}
 * writes to {@code target/benchmark/results.md}.
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
    /** A at 8 users in its own slice of the rounds with the gateway in trouble: what A beside C is held against. */
    static final String ALONE = "A alone";
    static final Trouble FAST = new Trouble("gateway 0 ms", LoginVariant.SMS, 32);
    static final Trouble SLOW = new Trouble("gateway 1000 ms", LoginVariant.SMS_1000, 32);
    static final Trouble REFUSING = new Trouble("gateway refusing", LoginVariant.SMS_REFUSED, 8);
    static final Trouble HANGING = new Trouble("gateway hanging", LoginVariant.SMS_HANGING, 8);
    static final List<Trouble> TROUBLES = List.of(FAST, SLOW, REFUSING, HANGING);

    /**
     * C at {@code users} with its gateway in some state ({@code gateway}), with A at 8 users beside it:
     * what the step's gateway does to everyone else on the same Keycloak.
     */
    record Trouble(String gateway, LoginVariant variant, int users) {

        /** C's label, e.g. "C (gateway 0 ms)". */
        String label() {
            return variant.scenario + " (" + gateway + ")";
        }

        /** The label of A beside it. */
        String beside() {
            return "A beside C (" + gateway + ")";
        }
    }

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
        phases.addAll(inTurn(troubleSlices(here)));
        phases.add(step(BUDGET_SPENT, LoginVariant.SMS_BUDGET_SPENT, 8, PHASE, here)
                .with(run("A @8 beside C, budget spent", LoginVariant.PASSWORD, 8, PHASE, here)));
        setUp(inSequence()).protocols(protocol(environment.baseUrl()));
    }

    /**
     * A alone, and each {@link Trouble} with A beside it, taken in turn in rounds like A, B and C: A's
     * ratio beside C to alone then comes from slices seconds apart, not from phases minutes apart with
     * the JIT's and the machine's drift between them.
     */
    private List<IntFunction<Step>> troubleSlices(Placement here) {
        List<IntFunction<Step>> slices = new ArrayList<>();
        slices.add(round -> step(slice(ALONE, 8, round), LoginVariant.PASSWORD, 8, SLICE, here));
        for (Trouble trouble : TROUBLES) {
            slices.add(round -> step(slice(trouble.label(), trouble.users(), round), trouble.variant(), trouble.users(),
                    SLICE, here).with(run(slice(trouble.beside(), 8, round), LoginVariant.PASSWORD, 8, SLICE, here)));
        }
        return slices;
    }

    @Override
    LoadTarget target() {
        return environment;
    }

    @Override
    public void after() {
        finish("results.md", () -> new BenchmarkReport(timings, environment, PHASE).markdown(), environment);
    }
}
