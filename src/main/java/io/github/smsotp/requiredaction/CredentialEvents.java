package io.github.smsotp.requiredaction;

import java.util.List;

import io.github.smsotp.credential.SmsOtpCredentialModel;
import io.github.smsotp.events.SmsOtpEvents;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;

/**
 * The events an auditor follows credentials by, with the details Keycloak gives them for its own
 * types: {@code UPDATE_CREDENTIAL} when a number is enrolled (as {@code UpdateTotp} emits), and
 * {@code REMOVE_CREDENTIAL} for the credential a new number replaces (as the Account Console's
 * removal emits; removals there already produce it for our type).
 */
final class CredentialEvents {

    private CredentialEvents() {
    }

    /** Makes the action's event an {@code UPDATE_CREDENTIAL}; Keycloak sends it when the action succeeds. */
    static void updated(EventBuilder event) {
        event.event(EventType.UPDATE_CREDENTIAL).detail(Details.CREDENTIAL_TYPE, SmsOtpCredentialModel.TYPE);
    }

    /** One {@code REMOVE_CREDENTIAL} per credential the new number replaced, sent now. */
    static void replaced(EventBuilder event, List<CredentialModel> credentials) {
        for (CredentialModel credential : credentials) {
            // The label is the masked old number; the new number's detail belongs to the update only.
            event.clone().event(EventType.REMOVE_CREDENTIAL).removeDetail(SmsOtpEvents.PHONE)
                    .detail(Details.CREDENTIAL_TYPE, credential.getType())
                    .detail(Details.SELECTED_CREDENTIAL_ID, credential.getId())
                    .detail(Details.CREDENTIAL_USER_LABEL, credential.getUserLabel())
                    .success();
        }
    }
}
