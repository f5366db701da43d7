package io.github.smsotp.admin;

import java.util.Optional;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.config.InvalidConfigException;
import io.github.smsotp.credential.PhoneSource;
import io.github.smsotp.credential.SmsOtpCredentialProvider;
import io.github.smsotp.credential.SmsOtpCredentialProviderFactory;
import io.github.smsotp.settings.SmsSettings;
import org.jboss.logging.Logger;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** One call of the SMS admin API: who calls, in which realm, and the admin event it may record. */
record AdminCall(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {

    private static final Logger LOG = Logger.getLogger(AdminCall.class);

    /** The realm's SMS settings, as login and enrollment resolve them. */
    ConfigReader settings() {
        return SmsSettings.resolve(realm, null);
    }

    /** Where the realm takes numbers from; empty (and logged) while its settings are invalid. */
    Optional<PhoneSource> phoneSource() {
        try {
            return Optional.of(PhoneSource.of(realm));
        } catch (InvalidConfigException e) {
            LOG.errorf("SMS settings of realm '%s' are invalid: %s", realm.getName(), e.getMessage());
            return Optional.empty();
        }
    }

    SmsOtpCredentialProvider credentials() {
        return (SmsOtpCredentialProvider) session.getProvider(CredentialProvider.class,
                SmsOtpCredentialProviderFactory.PROVIDER_ID);
    }

    /** Records a Keycloak admin event; {@code representation} must hold no full number and no secret. */
    void event(OperationType operation, ResourceType resource, Object representation) {
        adminEvent.operation(operation).resource(resource).resourcePath(session.getContext().getUri())
                .representation(representation).success();
    }
}
