package io.github.smsotp.settings;

import java.util.Locale;

import io.github.smsotp.config.ConfigReader;
import org.keycloak.models.RealmModel;

/**
 * How numbers an admin or a directory (LDAP, SCIM) put into a user attribute are treated, as the
 * realm's SMS settings (or the enrollment action's override) say: {@code off} (ignored),
 * {@code verify} (offered for enrollment, confirmed by a code first) or {@code trust} (used as
 * enrolled). The login step and the enrollment both read it.
 */
public record ProvisionedNumbers(String attribute, Mode mode) {

    public enum Mode { OFF, VERIFY, TRUST }

    public static ProvisionedNumbers of(ConfigReader config) {
        String mode = SettingsRegistry.PROVISIONED.choice(config);
        return new ProvisionedNumbers(SettingsRegistry.PHONE_ATTRIBUTE.valueOrDefault(config),
                Mode.valueOf(mode.toUpperCase(Locale.ROOT)));
    }

    /** As the realm's enrollment sees it: its action's config over the realm's SMS settings. */
    public static ProvisionedNumbers of(RealmModel realm) {
        return of(SmsSettings.resolve(realm, SmsSettings.enrollmentConfig(realm)));
    }
}
