package io.github.smsotp.step;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.sessions.RootAuthenticationSessionModel;

/**
 * One login tab's authentication session, whose notes outlive each request as Keycloak's do, counting
 * every write by kind: on a cluster Keycloak replicates the session when a request changed it.
 */
final class CountedAuthSession {

    private final Map<String, String> notes = new HashMap<>();
    private final Map<String, Integer> writes = new TreeMap<>();

    final AuthenticationSessionModel model = StrictDouble.of(AuthenticationSessionModel.class)
            .answer("getAuthNote", args -> notes.get((String) args[0]))
            .answer("setAuthNote", args -> {
                wrote("setAuthNote");
                return notes.put((String) args[0], (String) args[1]);
            })
            .answer("removeAuthNote", args -> {
                wrote("removeAuthNote");
                return notes.remove((String) args[0]);
            })
            .returning("getTabId", "tab-1")
            .returning("getParentSession", StrictDouble.of(RootAuthenticationSessionModel.class)
                    .returning("getId", "root-1").build())
            .build();

    private void wrote(String kind) {
        writes.merge(kind, 1, Integer::sum);
    }

    /** The writes since the last call, by kind, and resets them. */
    Map<String, Integer> take() {
        Map<String, Integer> taken = new TreeMap<>(writes);
        writes.clear();
        return taken;
    }
}
