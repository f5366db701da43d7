package io.github.smsotp.bench;

import java.util.ArrayList;
import java.util.List;

import io.github.smsotp.it.stubs.GatewayStub;

/**
 * The sign-ins of {@link LoginBenchmark} on a two-node cluster ({@link ClusterEnvironment}), where
 * every operation on the single-use store may be a round trip to the other node: A, B and C at
 * {@link #USERS_AT_ONCE} users spread over both nodes, and C with the first step on node 1 and the
 * code on node 2 ({@link #ACROSS}), all four in the same rounds, with every send limit of C counting.
 * Prints the table {@link ClusterReport} writes to {@code target/benchmark/cluster.md}.
 */
public class ClusterBenchmark extends SignInSimulation {

    static final int USERS_AT_ONCE = 16;
    /** The label of C with the code on the other node. */
    static final String ACROSS = "C across";
    /**
     * In phase lengths. Two JVMs warm up, each on half the load, and the code on the other node is a
     * path of its own: as long as on one node, for the JIT compiler to be done before the first round
     * (see {@link LoginBenchmark#WARM_UP_PHASES}).
     */
    static final int WARM_UP_PHASES = LoginBenchmark.WARM_UP_PHASES;

    private final ClusterEnvironment environment;

    public ClusterBenchmark() throws Exception {
        environment = ClusterEnvironment.start(USERS);
        CpuPinning.pin(ProcessHandle.current().pid(), CpuPinning.DRIVER_CORE);
        List<Contender> compared = new ArrayList<>(
                Contender.abc(Placement.spread(environment.node1Url(), environment.node2Url())));
        compared.add(new Contender(ACROSS, LoginVariant.SMS,
                Placement.across(environment.node1Url(), environment.node2Url())));
        phases.add(warmUp(compared, WARM_UP_PHASES));
        phases.addAll(rounds(USERS_AT_ONCE, compared));
        setUp(inSequence()).protocols(protocol(environment.node1Url()));
    }

    @Override
    GatewayStub gateway(LoginVariant variant) {
        return environment.gateway;
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
        finish("cluster.md", () -> new ClusterReport(timings).markdown(), environment);
    }
}
