package io.github.smsotp.admin;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.github.smsotp.config.InvalidConfigException;
import org.keycloak.models.KeycloakSession;

/**
 * A secret kept from before (sent back as {@code **********}, the way the settings API and the SMS
 * tab show it) goes only where it went when an admin typed it. An admin who may change settings but
 * was never shown the token could otherwise point the sender at a host of theirs, keep the mask,
 * and have test SMS deliver the token there. Keycloak reuses a stored LDAP bind credential only
 * while the URL and bind DN stay the same, for the same reason.
 *
 * <p>Where a secret goes is told by its sender's settings of the same prefix ({@code http.},
 * {@code voice.}, a route's {@code eu.}) named {@code preset}, {@code url} and {@code auth-header}:
 * the provider, the address, and the header that carries it. Vault references are not kept
 * secrets: whoever may save settings may name any reference anyway.
 */
final class KeptSecrets {

    /** The settings, after a sender's prefix, that say where the sender's secret is sent. */
    private static final List<String> DESTINATION = List.of("preset", "url", "auth-header");

    /**
     * Set on the Keycloak session by the settings API, which alone can tell a typed secret from a
     * kept one: the realm tab's save reaches the server with kept secrets already filled in.
     */
    private static final String TYPED = KeptSecrets.class.getName() + ".typed";

    private KeptSecrets() {
    }

    /** The settings API's request typed these secrets anew: the check that follows on save keeps them. */
    static void typedIn(KeycloakSession session, Set<String> keys) {
        session.setAttribute(TYPED, Set.copyOf(keys));
    }

    /**
     * @param saved  the settings as saved before
     * @param merged the settings about to be saved, kept secrets filled in
     * @throws InvalidConfigException naming the secret to type again and the setting that moved it
     */
    static void check(KeycloakSession session, SettingNames names, Map<String, String> saved,
                      Map<String, String> merged) {
        @SuppressWarnings("unchecked")
        Set<String> typed = session.getAttributeOrDefault(TYPED, Set.of());
        merged.forEach((key, value) -> {
            if (!names.isSecret(key) || typed.contains(key) || !value.equals(saved.get(key))
                    || RealmSettingsStore.isVaultReference(value)) {
                return;
            }
            String prefix = key.substring(0, key.lastIndexOf('.') + 1);
            for (String part : DESTINATION) {
                String destination = prefix + part;
                if (!Objects.equals(saved.get(destination), merged.get(destination))) {
                    throw new InvalidConfigException(key, "was kept from before, but '" + destination
                            + "' changed: type the secret again. A saved secret is sent only where it went when "
                            + "it was typed");
                }
            }
        });
    }
}
