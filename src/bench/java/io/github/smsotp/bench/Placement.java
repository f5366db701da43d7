package io.github.smsotp.bench;

import java.net.URI;
import java.util.function.IntFunction;

/**
 * Which Keycloak node a virtual user's requests reach, by the user's number: {@code first} takes the
 * login page and the password, {@code second} the code. Keycloak writes its form actions with the
 * hostname it is given, so each post is sent to its node by changing the action's origin.
 */
record Placement(IntFunction<String> first, IntFunction<String> second) {

    /** Every request to the one server. */
    static Placement one(String baseUrl) {
        return new Placement(user -> baseUrl, user -> baseUrl);
    }

    /** Users alternate between the nodes, and each signs in on one node, as behind a sticky load balancer. */
    static Placement spread(String node1, String node2) {
        IntFunction<String> node = user -> user % 2 == 0 ? node1 : node2;
        return new Placement(node, node);
    }

    /** The first step on node 1 and the code on node 2: a load balancer without stickiness, at its worst. */
    static Placement across(String node1, String node2) {
        return new Placement(user -> node1, user -> node2);
    }

    /** {@code url} with the origin (scheme, host and port) of {@code baseUrl}. */
    static String onNode(String url, String baseUrl) {
        URI uri = URI.create(url);
        return baseUrl + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
}
