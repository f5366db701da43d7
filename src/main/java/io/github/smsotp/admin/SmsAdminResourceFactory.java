package io.github.smsotp.admin;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** Mounts {@link SmsAdminResource} at {@code /admin/realms/{realm}/sms-otp}, behind Keycloak's admin authentication. */
public class SmsAdminResourceFactory implements AdminRealmResourceProviderFactory, AdminRealmResourceProvider {

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

    @Override
    public void init(Config.Scope config) {
        // nothing to configure
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // nothing to prepare
    }

    @Override
    public void close() {
        // stateless
    }
}
