package io.github.smsotp.admin;

import java.util.Map;
import java.util.Optional;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.config.InvalidConfigException;
import io.github.smsotp.credential.PhoneSource;
import io.github.smsotp.credential.SmsOtpCredentialProvider;
import io.github.smsotp.settings.EnrollmentSettings;
import io.github.smsotp.settings.SettingsRegistry;
import io.github.smsotp.settings.SmsSettings;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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

    /** The realm's SMS settings, as the login step resolves them. */
    ConfigReader settings() {
        return SmsSettings.resolve(realm, null);
    }

    /**
     * How the realm's enrollment reads numbers (its action's overrides included): an admin's number
     * passes the same checks as one a user types.
     *
     * @throws WebApplicationException 409 while the realm's SMS settings are invalid
     */
    EnrollmentSettings enrollment() {
        try {
            return EnrollmentSettings.of(realm);
        } catch (InvalidConfigException e) {
            throw new WebApplicationException(Response.status(Response.Status.CONFLICT)
                    .type(MediaType.APPLICATION_JSON).entity(Map.of("error", "the realm's SMS settings are invalid: "
                            + e.getMessage())).build());
        }
    }

    /**
     * The number in a request field, in E.164, checked as enrollment checks a typed one.
     *
     * @param region where numbers without {@code +country code} are read; null: the realm's default region
     * @throws JsonInput.BadInput naming the field and what is wrong
     */
    String number(JsonInput request, String field, String region) {
        EnrollmentSettings enrollment = enrollment();
        EnrollmentSettings.Result parsed = enrollment.parse(request.json().path(field).asText(null),
                region != null ? region : enrollment.defaultRegion().orElse(null));
        if (parsed.error() != null) {
            throw new JsonInput.BadInput(field, problem(enrollment, parsed));
        }
        return parsed.number();
    }

    /** What is wrong with a number enrollment refused, for an admin: a refused type is named. */
    static String problem(EnrollmentSettings enrollment, EnrollmentSettings.Result refused) {
        return refused.refusedType().map(type -> "is a number of type '" + type + "'; codes go only to the types in '"
                + SettingsRegistry.NUMBER_TYPES.key() + "' (" + enrollment.step().numberTypes().names() + ")")
                .orElseGet(() -> NUMBER_PROBLEMS.get(refused.error()));
    }

    /** What enrollment's message keys say, for an admin. */
    private static final Map<String, String> NUMBER_PROBLEMS = Map.of(
            "smsOtpInvalidNumber", "must be a phone number in international format, e.g. +12015550123 (or national "
                    + "format in the realm's default region)",
            "smsOtpCountryNotAllowedField", "is in a country the realm's 'allowed-calling-codes' excludes");

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
                SmsOtpCredentialProvider.PROVIDER_ID);
    }

    /** Records a Keycloak admin event; {@code representation} must hold no full number and no secret. */
    void event(OperationType operation, ResourceType resource, Object representation) {
        adminEvent.operation(operation).resource(resource).resourcePath(session.getContext().getUri())
                .representation(representation).success();
    }
}
