package io.github.smsotp.limits;

import java.util.HashSet;
import java.util.Set;

import org.keycloak.models.KeycloakSession;

/**
 * The single-use-store keys the current request has written with {@code put}. Keycloak queues a put
 * until the transaction commits and refuses a second one of the same key ("task in progress"), and
 * one request may run several SMS steps (a flow goes on to the next step in the same request).
 */
public final class RequestWrites {

    private static final String ATTRIBUTE = RequestWrites.class.getName();

    private RequestWrites() {
    }

    @SuppressWarnings("unchecked")
    public static Set<String> of(KeycloakSession session) {
        Set<String> keys = session.getAttribute(ATTRIBUTE, Set.class);
        if (keys == null) {
            keys = new HashSet<>();
            session.setAttribute(ATTRIBUTE, keys);
        }
        return keys;
    }
}
