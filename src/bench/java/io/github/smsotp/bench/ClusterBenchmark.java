package io.github.smsotp.bench;

import io.github.smsotp.it.GatewayStub;

/**
 * The sign-ins of {@link LoginBenchmark} on a two-node cluster ({@link ClusterEnvironment}), where
 * every operation on the single-use store may be a round trip to the other node: A, B and C at
 * {@link #USERS_AT_ONCE} users spread over both nodes, in rounds, with every send limit of C
 * counting; then C with the first step on node 1 and the code on node 2. Prints the table
 * {@link ClusterReport} writes to {@code target/benchmark/cluster.md}.
 */
public class ClusterBenchmark extends SignInSimulation {

    static final int USERS_AT_ONCE = 16;
    static final String ACROSS = "C @" + USERS_AT_ONCE + ", code on the other node";

    private final ClusterEnvironment environment;

    public ClusterBenchmark() throws Exception {
        environment = ClusterEnvironment.start(USERS);
        CpuPinning.pin(ProcessHandle.current().pid(), CpuPinning.DRIVER_CORE);
        Placement spread = Placement.spread(environment.node1Url(), environment.node2Url());
        phases.add(warmUp(spread));
        phases.addAll(rounds(USERS_AT_ONCE, spread));
        phases.add(step(ACROSS, LoginVariant.SMS, USERS_AT_ONCE, PHASE,
                Placement.across(environment.node1Url(), environment.node2Url())));
        setUp(inSequence()).protocols(protocol(environment.node1Url()));
    }

    @Override
    GatewayStub gateway(LoginVariant variant) {
        return environment.gateway;
    }

    @Override
    ServerCounters counters() {
        return environment.counters();
    }

    @Override
    public void after() {
        finish("cluster.md", () -> new ClusterReport(timings).markdown(), environment);
    }
}
