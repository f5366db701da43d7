package io.github.smsotp.bench;

import io.github.smsotp.it.stubs.GatewayStub;

/** What a simulation's sign-ins run against: one Keycloak or a cluster, and its gateway stubs. */
interface LoadTarget {

    /** The gateway stub the code of a sign-in of this variant reaches. */
    GatewayStub gateway(LoginVariant variant);

    /** Keycloak's own counters, summed over its nodes. */
    ServerCounters counters();

    /** Keycloak onto its own core (see {@link SignInSimulation#target()}). */
    void pinKeycloak();
}
