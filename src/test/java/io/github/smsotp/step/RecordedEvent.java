package io.github.smsotp.step;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;

/**
 * Keycloak's event builder is a class: this one keeps details and errors instead of sending them. Its
 * constructor is given a realm with events off and no listeners, the least EventBuilder's own needs.
 */
final class RecordedEvent extends EventBuilder {

    final Map<String, String> details = new LinkedHashMap<>();
    final List<String> errors = new ArrayList<>();

    RecordedEvent() {
        super(StrictDouble.of(RealmModel.class)
                        .returning("isEventsEnabled", false)
                        .answer("getEventsListenersStream", args -> Stream.empty())
                        .returning("getId", "events-off")
                        .returning("getName", "events-off")
                        .build(),
                StrictDouble.of(KeycloakSession.class)
                        .returning("getKeycloakSessionFactory", StrictDouble.of(KeycloakSessionFactory.class)
                                .answer("getProviderFactoriesStream", args -> Stream.empty()).build())
                        .build());
    }

    @Override
    public EventBuilder detail(String key, String value) {
        details.put(key, value);
        return this;
    }

    @Override
    public void error(String error) {
        errors.add(error);
    }

    @Override
    public void success() {
        throw new UnsupportedOperationException("EventBuilder.success: the step leaves success events to Keycloak");
    }
}
