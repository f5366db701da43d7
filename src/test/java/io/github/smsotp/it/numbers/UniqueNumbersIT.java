package io.github.smsotp.it.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smsotp.it.clients.AdminApi;
import io.github.smsotp.it.clients.Browser.Page;
import io.github.smsotp.it.clients.Browser;
import io.github.smsotp.it.clients.JsonHttp;
import io.github.smsotp.it.clients.SmsLogin;
import io.github.smsotp.it.harness.KeycloakExtension;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.stubs.GatewayStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A verified number belongs to at most one user of the realm ({@code unique-numbers}, on by default).
 * Nothing tells anyone that an account holds a number before a code sent to it came back; after
 * that, a held number is refused with a clear message and nothing is stored. Two users confirming
 * one number at the same moment: exactly one gets it.
 */
@ExtendWith(KeycloakExtension.class)
public class UniqueNumbersIT {

    private static final String ENROLL_FORM = "kc-sms-otp-enroll-form";
    private static final String TAKEN = "This number is already used by another account.";

    private final KeycloakServer server;
    private final AdminApi admin;

    UniqueNumbersIT(KeycloakServer server) {
        this.server = server;
        this.admin = new AdminApi(server);
    }

    @Test
    void aNumberAnotherAccountHoldsIsRefusedOnlyAfterItsCodeAndNothingIsStored() {
        // No resend cooldown: the number typed after the refusal gets its code at once.
        String realm = realmWith("sms-unique", Map.of("provisioned-numbers", "off", "resend-cooldown-seconds", "0"));
        String number = "+12015557201";
        assertThat(enrollAndConfirm(new SmsLogin(server, realm, "user35", null), number).loggedIn()).isTrue();

        SmsLogin second = new SmsLogin(server, realm, "user36", null);
        Page confirm = startEnrollment(second, number);
        assertThat(confirm.text()).as("before the code: as for any number")
                .contains("Confirm your mobile number").doesNotContain(TAKEN);
        Page refused = second.enter(confirm, latestCode(number));
        assertThat(refused.loggedIn()).isFalse();
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.text()).contains(TAKEN);
        assertThat(refused.has("#" + ENROLL_FORM)).as("the user may enter another number").isTrue();
        assertThat(admin.credentials(realm, "user36").toString()).doesNotContain("sms-otp");
        assertThat(admin.events(realm, "user36")).anySatisfy(e -> {
            assertThat(e.path("error").asText()).isEqualTo("sms_otp_number_refused");
            assertThat(e.path("details").path("sms_otp_reason").asText()).isEqualTo("number_taken");
        });

        // Another number works, in the same login.
        Page other = second.browser().submit(refused, ENROLL_FORM, Map.of("phone", "+1 201 555 7202"));
        assertThat(second.enter(other, latestCode("+12015557202")).loggedIn()).isTrue();

        // An admin cannot hand the held number to someone else either.
        HttpResponse<String> set = admin.tryPut("/admin/realms/" + realm + "/sms-otp/users/"
                + admin.userId(realm, "user37") + "/phone", "{\"number\":\"" + number + "\",\"status\":\"verified\"}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(409);
        assertThat(JsonHttp.read(set.body()).path("field").asText()).isEqualTo("number");
    }

    @Test
    void aNumberAnAdminRemovesInKeycloaksCredentialsTabIsFreeForAnotherUser() {
        String realm = realmWith("sms-unique-removed", Map.of("provisioned-numbers", "off"));
        String number = "+12015557203";
        assertThat(enrollAndConfirm(new SmsLogin(server, realm, "user35", null), number).loggedIn()).isTrue();

        // As the admin console's Credentials tab does: Keycloak's own endpoint, not the extension's.
        String user = admin.userId(realm, "user35");
        for (JsonNode credential : admin.credentials(realm, "user35")) {
            if (credential.path("type").asText().equals("sms-otp")) {
                assertThat(admin.delete("/admin/realms/" + realm + "/users/" + user + "/credentials/"
                        + credential.path("id").asText())).isEqualTo(204);
            }
        }
        assertThat(enrollAndConfirm(new SmsLogin(server, realm, "user36", null), number).loggedIn())
                .as("the number is no longer held").isTrue();
    }

    @Test
    void aUserWhoseAdminGaveThemAHeldNumberIsToldToAskTheAdmin() {
        String realm = realmWith("sms-unique-provisioned", Map.of("provisioned-numbers", "verify"));
        SmsLogin holder = new SmsLogin(server, realm, "user33", null);
        Page confirm = holder.passwordStep("it-app");
        assertThat(holder.enter(confirm, latestCode(holder.phone())).loggedIn()).isTrue();

        // The admin hands the same number to another user, to be confirmed at the next sign-in.
        HttpResponse<String> pending = admin.tryPut("/admin/realms/" + realm + "/sms-otp/users/"
                + admin.userId(realm, "user34") + "/phone", "{\"number\":\"" + holder.phone() + "\",\"status\":\"pending\"}");
        assertThat(pending.statusCode()).as(pending.body()).isEqualTo(200);
        SmsLogin other = new SmsLogin(server, realm, "user34", null);
        Page code = other.passwordStep("it-app");
        Page refused = other.enter(code, latestCode(holder.phone()));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text()).contains("already used by another account. Ask your administrator to change it.");
        assertThat(admin.credentials(realm, "user34").toString()).doesNotContain("sms-otp");
    }

    @Test
    void twoUsersConfirmingOneNumberAtTheSameMomentExactlyOneGetsIt() throws Exception {
        String realm = realmWith("sms-unique-race", Map.of("provisioned-numbers", "off"));
        for (int round = 0; round < 4; round++) {
            String number = "+1201555721" + round;
            SmsLogin first = new SmsLogin(server, realm, String.format("user%02d", 2 * round + 1), null);
            SmsLogin second = new SmsLogin(server, realm, String.format("user%02d", 2 * round + 2), null);
            Page firstConfirm = startEnrollment(first, number);
            String firstCode = latestCode(number);
            Page secondConfirm = startEnrollment(second, number);
            String secondCode = latestCode(number);

            CountDownLatch start = new CountDownLatch(1);
            CompletableFuture<Page> firstResult = CompletableFuture.supplyAsync(() -> enterWhen(start, first,
                    firstConfirm, firstCode));
            CompletableFuture<Page> secondResult = CompletableFuture.supplyAsync(() -> enterWhen(start, second,
                    secondConfirm, secondCode));
            start.countDown();
            List<Page> results = List.of(firstResult.get(), secondResult.get());

            assertThat(results).as("round %d: one signed in", round).filteredOn(Page::loggedIn).hasSize(1);
            assertThat(results).as("round %d: one told the number is taken", round)
                    .filteredOn(page -> page.text().contains(TAKEN)).hasSize(1);
            List<String> holders = new ArrayList<>();
            for (SmsLogin login : List.of(first, second)) {
                JsonNode credentials = admin.credentials(realm, login.username());
                if (credentials.toString().contains("sms-otp")) {
                    holders.add(login.username());
                }
            }
            assertThat(holders).as("round %d: the number is stored for one user", round).hasSize(1);
        }
    }

    /** A realm of the test realm's users, with the given enrollment settings. */
    private String realmWith(String name, Map<String, String> enrollment) {
        admin.createRealm(name, Map.of(), r -> AdminApi.enrollmentConfig(r, enrollment));
        return name;
    }

    private static Page enterWhen(CountDownLatch start, SmsLogin login, Page confirm, String code) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return login.enter(confirm, code);
    }

    private Page startEnrollment(SmsLogin login, String number) {
        Page enroll = login.passwordStep("it-app");
        assertThat(enroll.has("#" + ENROLL_FORM)).as(enroll.text()).isTrue();
        Page confirm = login.browser().submit(enroll, ENROLL_FORM, Map.of("phone", number));
        assertThat(confirm.has("#kc-sms-otp-form")).as(confirm.text()).isTrue();
        return confirm;
    }

    private Page enrollAndConfirm(SmsLogin login, String number) {
        Page confirm = startEnrollment(login, number);
        return login.enter(confirm, latestCode(number));
    }

    private String latestCode(String number) {
        List<GatewayStub.Received> sms = server.gateway().to(number);
        assertThat(sms).as("SMS to " + number).isNotEmpty();
        return sms.get(sms.size() - 1).code();
    }
}
