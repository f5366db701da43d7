package io.github.smsotp.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;


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

    /**
     * B and C alone at {@link #USERS_AT_ONCE} users after the rounds, each a phase long, under Java
     * Flight Recorder on both nodes: where C's CPU goes that B's does not ({@link ProfileComparison}).
     */
    static final String PROFILED_B = "B @16, profiled";
    static final String PROFILED_C = "C @16, profiled";

    private final ClusterEnvironment environment;
    private final Map<String, List<Path>> recordings = new ConcurrentHashMap<>();

    public ClusterBenchmark() throws Exception {
        environment = ClusterEnvironment.start(USERS);
        CpuPinning.pin(ProcessHandle.current().pid(), CpuPinning.DRIVER_CORE);
        List<Contender> compared = new ArrayList<>(
                Contender.abc(Placement.spread(environment.node1Url(), environment.node2Url())));
        compared.add(new Contender(ACROSS, LoginVariant.SMS,
                Placement.across(environment.node1Url(), environment.node2Url())));
        phases.add(warmUp(compared, WARM_UP_PHASES));
        phases.addAll(rounds(USERS_AT_ONCE, compared));
        Placement spread = Placement.spread(environment.node1Url(), environment.node2Url());
        phases.add(step(PROFILED_B, LoginVariant.TOTP, USERS_AT_ONCE, PHASE, spread));
        phases.add(step(PROFILED_C, LoginVariant.SMS, USERS_AT_ONCE, PHASE, spread));
        setUp(inSequence()).protocols(protocol(environment.node1Url()));
    }

    /** Each profiled phase is recorded on both nodes. */
    @Override
    void phaseStarting(String name) {
        if (name.equals(PROFILED_B) || name.equals(PROFILED_C)) {
            environment.startRecording(name);
        }
    }

    @Override
    void phaseEnded(String name) {
        if (name.equals(PROFILED_B) || name.equals(PROFILED_C)) {
            recordings.put(name, environment.stopRecording(name));
        }
    }

    @Override
    LoadTarget target() {
        return environment;
    }

    @Override
    public void after() {
        finish("cluster.md", () -> new ClusterReport(timings).markdown() + "\n" + profile(), environment);
    }

    private String profile() {
        if (recordings.size() < 2) {
            return "No profile: a recording is missing.\n";
        }
        return ProfileComparison.markdown(
                ProfileComparison.Samples.of(recordings.get(PROFILED_C), timings.phase(PROFILED_C).logins.get()),
                ProfileComparison.Samples.of(recordings.get(PROFILED_B), timings.phase(PROFILED_B).logins.get()), 25);
    }
}
