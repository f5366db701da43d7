package io.github.smsotp.admin;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * The realm's SMS admin API ({@code /admin/realms/{realm}/sms-otp}). Keycloak's own admin roles and
 * fine-grained permissions decide, as for its own endpoints: test sends and settings need
 * {@code manage-realm} ({@code view-realm} to read settings, and the pumping guard's throttled
 * ranges; lifting one needs {@code manage-realm}); reading a number needs to view the user, changing
 * it to manage the user, and vouching for it ({@code verified}) to reset the user's password. Bad
 * input is a 400 naming the field, never a 5xx.
 */
public class SmsAdminResource {

    private final AdminCall call;

    SmsAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                     AdminEventBuilder adminEvent) {
        this.call = new AdminCall(session, realm, auth, adminEvent);
    }

    @Path("test-sms")
    public TestSmsResource testSms() {
        return new TestSmsResource(call);
    }

    @Path("settings")
    public SettingsResource settings() {
        return new SettingsResource(call);
    }

    @Path("users/{id}/phone")
    public UserPhoneResource phone(@PathParam("id") String userId) {
        return new UserPhoneResource(call, userId);
    }

    @Path("guard")
    public GuardResource guard() {
        return new GuardResource(call);
    }

    @Path("import")
    public NumberImportResource importNumbers() {
        return new NumberImportResource(call);
    }
}
