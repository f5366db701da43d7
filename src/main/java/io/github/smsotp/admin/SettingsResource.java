package io.github.smsotp.admin;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smsotp.config.InvalidConfigException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;

/**
 * {@code GET/PUT settings}: the realm's SMS settings, as Realm settings > SMS holds them, for servers
 * whose admin console does not show the tab and for automation.
 */
public class SettingsResource {

    private final AdminCall call;

    SettingsResource(AdminCall call) {
        this.call = call;
    }

    /** The saved settings; secrets show as {@code **********}, vault references as they are. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> read() {
        call.auth().realm().requireViewRealm();
        return RealmSettingsStore.masked(call.session(), call.realm());
    }

    /**
     * Replaces the settings with a JSON object of strings, checked as the SMS tab checks them. A
     * secret sent back as {@code **********} keeps its saved value.
     */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> save(String body) {
        call.auth().realm().requireManageRealm();
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : JsonInput.of(body).json().properties()) {
            if (!field.getValue().isValueNode() || field.getValue().isNull()) {
                throw new JsonInput.BadInput(field.getKey(), "must be a string");
            }
            values.put(field.getKey(), field.getValue().asText());
        }
        try {
            // A route's own settings (eu.url for '49 -> http@eu') are known once its route is.
            SettingNames names = SmsSettingsTab.names(call.session().getKeycloakSessionFactory(), values);
            for (String key : values.keySet()) {
                if (names.property(key).isEmpty()) {
                    throw new JsonInput.BadInput(key, "is no SMS setting");
                }
            }
            RealmSettingsStore.save(call.session(), call.realm(), values);
        } catch (InvalidConfigException e) {
            throw new JsonInput.BadInput(e.key(), "is refused: " + e.getMessage());
        }
        Map<String, String> saved = RealmSettingsStore.masked(call.session(), call.realm());
        call.event(OperationType.UPDATE, ResourceType.REALM, saved);
        return saved;
    }
}
