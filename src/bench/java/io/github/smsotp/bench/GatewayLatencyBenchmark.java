package io.github.smsotp.bench;

import java.util.List;


/**
 * The page after the password with a gateway that answers after 1 s, against Keycloak's own OTP form
 * on the same server, at 1 and at 16 concurrent users each, side by side in each slice: both pages
 * under the same load (taken in turn, C's users, who wait a second for each SMS, would load Keycloak
 * far less than B's). Five rounds (see {@link SignInSimulation}). The code leaves after the page is
 * answered, so the gateway's second is in neither page. {@code mvn -Pbenchmark verify} runs it; it
 * writes {@code target/benchmark/latency.md}.
 */
public class GatewayLatencyBenchmark extends SignInSimulation {

    static final int[] USER_COUNTS = {1, 16};
    /** Shorter than the main benchmark's: two contenders, and no comparison of throughput. */
    static final int WARM_UP_PHASES = 6;
    static final String OTP_FORM = "B (latency rounds)";
    static final String SLOW_GATEWAY = "C (gateway 1000 ms)";

    private final BenchmarkEnvironment environment;

    public GatewayLatencyBenchmark() throws Exception {
        environment = BenchmarkEnvironment.start(USERS);
        CpuPinning.pin(ProcessHandle.current().pid(), CpuPinning.DRIVER_CORE);
        Placement here = Placement.one(environment.baseUrl());
        List<Contender> compared = List.of(new Contender(OTP_FORM, LoginVariant.TOTP, here),
                new Contender(SLOW_GATEWAY, LoginVariant.SMS_1000, here));
        phases.add(warmUp(compared, WARM_UP_PHASES));
        for (int users : USER_COUNTS) {
            phases.addAll(inTurn(List.of(round -> step(slice(SLOW_GATEWAY, users, round), LoginVariant.SMS_1000, users,
                    SLICE, here).with(run(slice(OTP_FORM, users, round), LoginVariant.TOTP, users, SLICE, here)))));
        }
        setUp(inSequence()).protocols(protocol(environment.baseUrl()));
    }

    @Override
    LoadTarget target() {
        return environment;
    }

    @Override
    public void after() {
        finish("latency.md", this::report, environment);
    }

    private String report() {
        ReportRows rows = new ReportRows(timings);
        StringBuilder out = new StringBuilder(String.format("The page after the password: Keycloak's OTP form (B) "
                + "against the SMS step with a gateway that answers after 1000 ms (C), both at once in each slice, "
                + "%d rounds of %d s slices, after a warm-up of %d s; %s.%n%n", ROUNDS, SLICE.toSeconds(),
                PHASE.multipliedBy(WARM_UP_PHASES).toSeconds(), CpuPinning.describe()));
        out.append(ReportRows.PHASE_HEADER);
        for (int users : USER_COUNTS) {
            out.append(rows.mergedRow(OTP_FORM, users)).append(rows.mergedRow(SLOW_GATEWAY, users));
        }
        out.append('\n').append(ReportRows.ROUNDS_HEADER.replace("| ratio |", "| difference, ms |"));
        for (int users : USER_COUNTS) {
            out.append(rows.differenceRow("code page after the password, p50: C (gateway 1000 ms) - B @" + users,
                    users, SLOW_GATEWAY, OTP_FORM, "password", "<= 30"));
        }
        return out.toString();
    }
}
