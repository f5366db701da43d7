package io.github.smsotp.admin;

import io.github.smsotp.provider.StatelessFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** Mounts {@link SmsAdminResource} at {@code /admin/realms/{realm}/sms-otp}, behind Keycloak's admin authentication. */
public class SmsAdminResourceFactory implements AdminRealmResourceProviderFactory, AdminRealmResourceProvider,
        StatelessFactory<AdminRealmResourceProvider> {

    public static final String PROVIDER_ID = "sms-otp";

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return this;
    }

    @Override
    public Object getResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                              AdminEventBuilder adminEvent) {
        return new SmsAdminResource(session, realm, auth, adminEvent);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    /** Both the factory's and the provider's: one object is both, and holds nothing. */
    @Override
    public void close() {
        // nothing held
    }
}
