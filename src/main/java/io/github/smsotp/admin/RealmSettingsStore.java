package io.github.smsotp.admin;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.github.smsotp.settings.SmsSettings;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.services.ui.extend.UiTabProvider;

/**
 * Reads and writes the realm's SMS settings component for the admin API, as the admin console's
 * tab does: one component per realm, secrets never shown back.
 */
final class RealmSettingsStore {

    static final String SECRET_MASK = ComponentRepresentation.SECRET_VALUE;

    private RealmSettingsStore() {
    }

    /**
     * The saved settings, sorted by key, with secret values masked. Only settings: the admin console
     * also saves its page's route parameters ({@code realm}, {@code tab}) in the component.
     */
    static Map<String, String> masked(KeycloakSession session, RealmModel realm) {
        Map<String, String> values = SmsSettings.realmValues(realm);
        SettingNames names = SmsSettingsTab.names(session.getKeycloakSessionFactory(), values);
        Map<String, String> shown = new TreeMap<>();
        values.forEach((key, value) -> {
            if (names.property(key).isPresent()) {
                shown.put(key, names.isSecret(key) && !isVaultReference(value) ? SECRET_MASK : value);
            }
        });
        return shown;
    }

    /**
     * Replaces the saved settings; a masked secret keeps its saved value, where it still goes to the
     * same destination ({@link KeptSecrets}).
     *
     * @throws io.github.smsotp.config.InvalidConfigException naming the first bad key; nothing is saved
     */
    static void save(KeycloakSession session, RealmModel realm, Map<String, String> values) {
        Map<String, String> saved = SmsSettings.realmValues(realm);
        Map<String, String> merged = new LinkedHashMap<>();
        Set<String> typed = new HashSet<>();
        values.forEach((key, value) -> {
            boolean masked = SECRET_MASK.equals(value);
            String kept = masked ? saved.get(key) : value;
            if (kept != null && !kept.isBlank()) {
                merged.put(key, kept);
            }
            if (!masked) {
                typed.add(key);
            }
        });
        SmsSettingsTab.check(session, merged);
        KeptSecrets.typedIn(session, typed);
        KeptSecrets.check(session, SmsSettingsTab.names(session.getKeycloakSessionFactory(), merged), saved, merged);
        ComponentModel component = SmsSettings.component(realm).orElse(null);
        boolean created = component == null;
        if (created) {
            component = new ComponentModel();
            component.setName(SmsSettings.COMPONENT_ID);
            component.setProviderId(SmsSettings.COMPONENT_ID);
            component.setProviderType(UiTabProvider.class.getName());
            component.setParentId(realm.getId());
        }
        component.getConfig().clear();
        merged.forEach(component.getConfig()::putSingle);
        if (created) {
            realm.addComponentModel(component);
        } else {
            realm.updateComponent(component);
        }
    }

    static boolean isVaultReference(String value) {
        return value.startsWith("${vault.") && value.endsWith("}");
    }
}
