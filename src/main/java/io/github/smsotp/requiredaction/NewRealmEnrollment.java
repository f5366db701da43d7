package io.github.smsotp.requiredaction;

import io.github.smsotp.settings.SmsSettings;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/**
 * Registers "Verify mobile number (SMS)" in every realm created while the extension is installed, as
 * Keycloak registers its own "Configure OTP" in every new realm: adding the SMS step to a flow is then
 * all it takes for users without a number to add one. Enabled, never a default action: it runs only
 * where a flow's SMS step or an admin asks for it. A realm that already lists the action (an imported
 * realm JSON, enabled or not) keeps it as it is.
 */
final class NewRealmEnrollment implements ProviderEventListener {

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof RealmModel.RealmPostCreateEvent created) {
            register(created.getCreatedRealm());
        }
    }

    private static void register(RealmModel realm) {
        String alias = SmsSettings.ENROLLMENT_ACTION;
        if (realm.getRequiredActionProviderByAlias(alias) != null) {
            return;
        }
        RequiredActionProviderModel action = new RequiredActionProviderModel();
        action.setAlias(alias);
        action.setProviderId(alias);
        action.setName(PhoneEnrollmentActionFactory.DISPLAY_TEXT);
        action.setEnabled(true);
        action.setDefaultAction(false);
        // Last in the list, as the admin console places an action it registers.
        action.setPriority(realm.getRequiredActionProvidersStream()
                .mapToInt(RequiredActionProviderModel::getPriority).max().orElse(0) + 10);
        realm.addRequiredActionProvider(action);
    }
}
