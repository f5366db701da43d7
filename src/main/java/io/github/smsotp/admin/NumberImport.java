package io.github.smsotp.admin;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smsotp.credential.PhoneSource;
import io.github.smsotp.credential.SmsOtpCredentialModel;
import io.github.smsotp.credential.SmsOtpCredentialProvider;
import io.github.smsotp.phone.MaskedPhone;
import io.github.smsotp.phone.PhoneNumbers;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.util.JsonSerialization;

/**
 * Moves users' numbers over from another SMS plugin, so they need not enroll again. Reads each
 * user's number from the other plugin's credential or attribute, normalises it to E.164, and
 * either reports what it found (dry run) or enrolls the valid ones: {@code trust} as verified SMS
 * numbers, {@code verify} as provisioned numbers each user confirms by code at the next sign-in.
 * A number two users share is ambiguous and skipped; a user already enrolled is left as is.
 */
public final class NumberImport {

    /** Where the other plugin kept the number. */
    sealed interface Source permits Credential, Attribute {
        Optional<String> raw(UserModel user);
    }

    /** A stored credential whose JSON data holds the number (netzbegruenung: {@code mobile-number}, {@code mobile_number}). */
    record Credential(String type, String field) implements Source {
        @Override
        public Optional<String> raw(UserModel user) {
            return user.credentialManager().getStoredCredentialsByTypeStream(type).findFirst()
                    .flatMap(credential -> field(credential.getCredentialData()));
        }

        private Optional<String> field(String json) {
            try {
                JsonNode data = JsonSerialization.mapper.readTree(json == null ? "{}" : json);
                return Optional.ofNullable(data.path(field).asText(null)).filter(v -> !v.isBlank());
            } catch (IOException e) {
                return Optional.of(json);
            }
        }
    }

    /** A user attribute (dasniko and others: {@code mobile_number}; cooperlyt: {@code phoneNumber}). */
    record Attribute(String name) implements Source {
        @Override
        public Optional<String> raw(UserModel user) {
            return Optional.ofNullable(user.getFirstAttribute(name)).filter(v -> !v.isBlank());
        }
    }

    enum Mode { TRUST, VERIFY }

    /** What an import found and did. Numbers are masked; invalid ones are listed with the user. */
    public record Report(boolean dryRun, int users, int found, int valid, int invalid, int duplicates, int alreadyEnrolled,
                  int imported, List<Map<String, String>> invalidNumbers) {
    }

    private NumberImport() {
    }

    static Report run(KeycloakSession session, RealmModel realm, Source source, String defaultRegion, Mode mode,
                      boolean dryRun, SmsOtpCredentialProvider credentials, PhoneSource phoneSource) {
        List<UserModel> users = users(session, realm).toList();
        Map<String, List<UserModel>> byNumber = new LinkedHashMap<>();
        List<Map<String, String>> invalid = new ArrayList<>();
        int found = 0;
        for (UserModel user : users) {
            Optional<String> raw = source.raw(user);
            if (raw.isEmpty()) {
                continue;
            }
            found++;
            Optional<String> number = PhoneNumbers.toE164(raw.get(), defaultRegion);
            if (number.isEmpty()) {
                invalid.add(Map.of("username", user.getUsername(), "number", MaskedPhone.mask(raw.get())));
            } else {
                byNumber.computeIfAbsent(number.get(), n -> new ArrayList<>()).add(user);
            }
        }
        int valid = found - invalid.size();
        int duplicates = 0;
        int alreadyEnrolled = 0;
        int imported = 0;
        Map<String, UserModel> toEnroll = new HashMap<>();
        for (Map.Entry<String, List<UserModel>> entry : byNumber.entrySet()) {
            if (entry.getValue().size() > 1) {
                duplicates += entry.getValue().size();
                continue;
            }
            UserModel user = entry.getValue().get(0);
            if (PhoneSource.enrolled(user).isPresent()) {
                alreadyEnrolled++;
            } else {
                toEnroll.put(entry.getKey(), user);
            }
        }
        if (!dryRun) {
            long now = System.currentTimeMillis();
            for (Map.Entry<String, UserModel> entry : toEnroll.entrySet()) {
                UserModel user = entry.getValue();
                if (mode == Mode.TRUST) {
                    credentials.createCredential(realm, user, SmsOtpCredentialModel.verified(entry.getKey(), now));
                } else {
                    phoneSource.assignPending(user, entry.getKey());
                }
                imported++;
            }
        }
        return new Report(dryRun, users.size(), found, valid, invalid.size(), duplicates, alreadyEnrolled,
                dryRun ? toEnroll.size() : imported, invalid);
    }

    private static Stream<UserModel> users(KeycloakSession session, RealmModel realm) {
        return session.users().searchForUserStream(realm, Map.of(UserModel.INCLUDE_SERVICE_ACCOUNT, "false"));
    }
}
