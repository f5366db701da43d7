package io.github.smsotp.it.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.smsotp.it.clients.AccountApi;
import io.github.smsotp.it.clients.AdminApi;
import io.github.smsotp.it.clients.Browser.Page;
import io.github.smsotp.it.clients.Browser;
import io.github.smsotp.it.clients.SmsLogin;
import io.github.smsotp.it.harness.KeycloakExtension;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.harness.LoopbackLdap;
import io.github.smsotp.it.stubs.RealmGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Users that Keycloak's LDAP federation serves read-only: their user model refuses every attribute
 * write. A revocation of their trusted browsers must still hold, so the trust epoch lives past the
 * federation. The directory is a real LDAP server on loopback; Keycloak imports each user at the
 * first sign-in, as a production setup with import on does.
 */
@ExtendWith(KeycloakExtension.class)
public class ReadOnlyDirectoryTrustIT {

    private static final String COOKIE = "KC_SMS_OTP_TRUSTED";
    private static LoopbackLdap directory;

    private final KeycloakServer server;
    private final AdminApi admin;

    ReadOnlyDirectoryTrustIT(KeycloakServer server) {
        this.server = server;
        this.admin = new AdminApi(server);
    }

    @BeforeAll
    static void startDirectory() throws Exception {
        directory = new LoopbackLdap();
        for (String uid : List.of("ldap91", "ldap92", "ldap93")) {
            directory.addPerson(uid, SmsLogin.phoneOf(uid));
        }
    }

    @AfterAll
    static void stopDirectory() {
        directory.close();
    }

    @Test
    void signingOutEverywhereEndsTheTrustOfAReadOnlyDirectoryUser() throws Exception {
        String realm = "sms-trust-ldap-read-only";
        Map<String, String> settings = new java.util.HashMap<>(new RealmGateway(server, realm).settings());
        settings.put("trust-browser-days", "30");
        admin.createRealm(realm, settings, r -> { });
        federate(realm);
        List<String> directoryBefore = directory.ldif();

        // The admin's sign-out (a not-before time, which Keycloak keeps past the federation itself).
        Browser byAdmin = trust(realm, "ldap91");
        assertThat(signIn(byAdmin, realm, "ldap91").loggedIn()).as("trusted").isTrue();
        assertThat(admin.post("/admin/realms/" + realm + "/users/" + admin.userId(realm, "ldap91") + "/logout", "")
                .statusCode()).isEqualTo(204);
        assertThat(signIn(byAdmin, realm, "ldap91").has("#kc-sms-otp-form")).as("asked again after the admin's sign-out")
                .isTrue();

        // The admin API's revocation of trusted browsers: no longer a 409 for read-only users.
        Browser byApi = trust(realm, "ldap92");
        HttpResponse<String> revoked = admin.sms(realm, "DELETE",
                "users/" + admin.userId(realm, "ldap92") + "/phone/trusted-browsers", null);
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(204);
        assertThat(signIn(byApi, realm, "ldap92").has("#kc-sms-otp-form")).as("asked again after the API's revocation")
                .isTrue();

        // The user's own "Sign out all devices" in the Account Console (heard from Keycloak 26.5 on).
        Browser byUser = trust(realm, "ldap93");
        Page signedIn = signIn(byUser, realm, "ldap93");
        assertThat(signedIn.loggedIn()).as("trusted").isTrue();
        assertThat(new AccountApi(server, realm, signedIn).signOutAllDevices()).isEqualTo(204);
        Page after = signIn(byUser, realm, "ldap93");
        if (KeycloakServer.atLeast(26, 5)) {
            assertThat(after.has("#kc-sms-otp-form")).as("asked again after signing out everywhere: " + after.text())
                    .isTrue();
        } else {
            assertThat(after.loggedIn()).as("Keycloak 26.4 signs out without an event: " + after.text()).isTrue();
        }

        assertThat(directory.ldif()).as("the directory is read-only: nothing was written to it")
                .isEqualTo(directoryBefore);
        assertThat(admin.user(realm, "ldap91").path("federationLink").asText()).as("a federated user").isNotEmpty();
        assertThat(server.log()).doesNotContain("ReadOnlyException").doesNotContain("is read-only");
    }

    /** Keycloak's LDAP provider, read-only with import, and the directory's mobile number as the user's number. */
    private void federate(String realm) {
        String realmId = admin.get("/admin/realms/" + realm).path("id").asText();
        ObjectNode ldap = component("directory", "ldap", "org.keycloak.storage.UserStorageProvider", realmId, Map.ofEntries(
                Map.entry("enabled", "true"), Map.entry("priority", "0"), Map.entry("editMode", "READ_ONLY"),
                Map.entry("importEnabled", "true"), Map.entry("syncRegistrations", "false"), Map.entry("vendor", "other"),
                Map.entry("usernameLDAPAttribute", "uid"), Map.entry("rdnLDAPAttribute", "uid"),
                Map.entry("uuidLDAPAttribute", "entryUUID"),
                Map.entry("userObjectClasses", "inetOrgPerson, organizationalPerson"),
                Map.entry("connectionUrl", directory.url()), Map.entry("usersDn", LoopbackLdap.PEOPLE),
                Map.entry("authType", "simple"), Map.entry("bindDn", LoopbackLdap.BIND_DN),
                Map.entry("bindCredential", LoopbackLdap.BIND_PASSWORD), Map.entry("searchScope", "1"),
                Map.entry("pagination", "false"), Map.entry("connectionPooling", "false"),
                Map.entry("useTruststoreSpi", "never"), Map.entry("trustEmail", "true"),
                Map.entry("cachePolicy", "DEFAULT"), Map.entry("validatePasswordPolicy", "false"),
                Map.entry("fullSyncPeriod", "-1"), Map.entry("changedSyncPeriod", "-1")));
        HttpResponse<String> created = admin.post("/admin/realms/" + realm + "/components", ldap.toString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        String ldapId = location.substring(location.lastIndexOf('/') + 1);
        ObjectNode mobile = component("mobile", "user-attribute-ldap-mapper",
                "org.keycloak.storage.ldap.mappers.LDAPStorageMapper", ldapId, Map.of(
                        "ldap.attribute", "mobile", "user.model.attribute", "phone_number", "read.only", "true",
                        "always.read.value.from.ldap", "true", "is.mandatory.in.ldap", "false"));
        HttpResponse<String> mapper = admin.post("/admin/realms/" + realm + "/components", mobile.toString());
        assertThat(mapper.statusCode()).as(mapper.body()).isEqualTo(201);
    }

    private static ObjectNode component(String name, String providerId, String providerType, String parentId,
                                        Map<String, String> config) {
        ObjectNode component = JsonNodeFactory.instance.objectNode().put("name", name).put("providerId", providerId)
                .put("providerType", providerType).put("parentId", parentId);
        ObjectNode values = component.putObject("config");
        config.forEach((key, value) -> values.putArray(key).add(value));
        return component;
    }

    /** Signs the user in with the code and the box ticked; the browser then holds the trust cookie. */
    private Browser trust(String realm, String user) {
        SmsLogin login = new SmsLogin(server, realm, user, null);
        Page codePage = login.codePage();
        Page done = login.post(codePage, Map.of("code", new RealmGateway(server, realm).awaitCode(login.phone()),
                "trust", "on"));
        assertThat(done.loggedIn()).as(done.text()).isTrue();
        assertThat(login.browser().cookie(COOKIE)).as("the trust cookie").isPresent();
        return login.browser();
    }

    /** A password sign-in in a browser that keeps only the trust cookie. */
    private Page signIn(Browser browser, String realm, String user) {
        Browser fresh = browser.keeping(COOKIE);
        Page login = fresh.get(server.baseUrl() + "/realms/" + realm + "/protocol/openid-connect/auth?client_id=it-app"
                + "&response_type=code&scope=openid&state=it&redirect_uri=" + Browser.CALLBACK);
        return fresh.submit(login, "kc-form-login", Map.of("username", user, "password", "pass-" + user));
    }
}
