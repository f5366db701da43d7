package io.github.smsotp.admin;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smsotp.credential.PhoneSource;
import io.github.smsotp.credential.SmsOtpCredentialModel;
import io.github.smsotp.credential.SmsOtpCredentialProvider;
import io.github.smsotp.credential.UniqueNumbers;
import io.github.smsotp.phone.MaskedPhone;
import io.github.smsotp.settings.EnrollmentSettings;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.storage.ReadOnlyException;
import org.keycloak.util.JsonSerialization;

/**
 * Moves users' numbers over from another SMS plugin, so they need not enroll again. Reads each
 * user's number from the other plugin's credential or attribute, normalises it to E.164, and
 * either reports what it found (dry run) or enrolls the valid ones: {@code trust} as verified SMS
 * numbers, {@code verify} as provisioned numbers each user confirms by code at the next sign-in.
 * A number two users share is ambiguous and skipped; a user already enrolled is left as is. A number
 * must pass the checks enrollment applies to a typed one (country allow-list, mobile only).
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

    /**
     * What an import found and did. Numbers are masked; refused ones are listed with the user and
     * the reason. {@code imported}: enrolled, or in a dry run what a run would enroll; {@code notStored}:
     * numbers a run could not write (a read-only attribute).
     */
    public record Report(boolean dryRun, int users, int found, int valid, int invalid, int duplicates, int alreadyEnrolled,
                         int imported, int notStored, List<Map<String, String>> invalidNumbers) {
    }

    private static final int PAGE = 100;

    private NumberImport() {
    }

    /**
     * @param region       where numbers without {@code +country code} are read; null: the realm's default region
     * @param enrollment   the realm's enrollment settings: an imported number passes the checks a typed one does
     */
    static Report run(AdminCall call, Source source, String region, Mode mode, boolean dryRun,
                      EnrollmentSettings enrollment) {
        KeycloakSession session = call.session();
        RealmModel realm = call.realm();
        SmsOtpCredentialProvider credentials = call.credentials();
        PhoneSource phoneSource = new PhoneSource(enrollment.provisioned());
        String readIn = region != null ? region : enrollment.defaultRegion().orElse(null);
        // User ids, not models: a realm's users are read a page at a time and not all held at once.
        Map<String, List<String>> byNumber = new LinkedHashMap<>();
        Set<String> enrolled = new HashSet<>();
        List<Map<String, String>> refused = new ArrayList<>();
        int users = 0;
        int found = 0;
        for (int first = 0; ; first += PAGE) {
            List<UserModel> page = session.users().searchForUserStream(realm,
                    Map.of(UserModel.INCLUDE_SERVICE_ACCOUNT, "false"), first, PAGE).toList();
            for (UserModel user : page) {
                users++;
                Optional<String> raw = source.raw(user);
                if (raw.isEmpty()) {
                    continue;
                }
                found++;
                EnrollmentSettings.Result parsed = enrollment.parse(raw.get(), readIn);
                if (parsed.error() != null) {
                    refused.add(Map.of("username", user.getUsername(), "number", MaskedPhone.mask(raw.get()),
                            "problem", AdminCall.problem(enrollment, parsed)));
                    continue;
                }
                byNumber.computeIfAbsent(parsed.number(), n -> new ArrayList<>()).add(user.getId());
                if (PhoneSource.enrolled(user).isPresent()) {
                    enrolled.add(user.getId());
                }
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        int duplicates = 0;
        int alreadyEnrolled = 0;
        Map<String, String> toEnroll = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> entry : byNumber.entrySet()) {
            if (entry.getValue().size() > 1) {
                duplicates += entry.getValue().size();
            } else if (enrolled.contains(entry.getValue().get(0))) {
                alreadyEnrolled++;
            } else if (mode == Mode.TRUST && enrollment.uniqueNumbers() && UniqueNumbers.heldByAnother(session, realm,
                    session.users().getUserById(realm, entry.getValue().get(0)), entry.getKey())) {
                // Another user (outside this import) holds it already: as a duplicate, nobody gets it.
                duplicates++;
            } else {
                toEnroll.put(entry.getKey(), entry.getValue().get(0));
            }
        }
        int imported = 0;
        int notStored = 0;
        if (!dryRun && mode == Mode.TRUST) {
            // Enrolled as verified, each number is a password reset for its user: all must be allowed before any is written.
            toEnroll.values().forEach(id -> call.auth().users().requireResetPassword(session.users().getUserById(realm, id)));
        }
        if (!dryRun) {
            long now = System.currentTimeMillis();
            for (Map.Entry<String, String> entry : toEnroll.entrySet()) {
                UserModel user = session.users().getUserById(realm, entry.getValue());
                try {
                    if (mode == Mode.TRUST) {
                        if (enrollment.uniqueNumbers() && !UniqueNumbers.mayHold(session, realm, user, entry.getKey())) {
                            duplicates++;
                            continue;
                        }
                        credentials.createCredential(realm, user, SmsOtpCredentialModel.verified(entry.getKey(), now));
                    } else {
                        phoneSource.assignPending(session, realm, user, entry.getKey());
                    }
                    imported++;
                } catch (ModelException | ReadOnlyException e) {
                    // A read-only attribute (e.g. mapped from LDAP): this user is left as they were.
                    notStored++;
                }
            }
        }
        return new Report(dryRun, users, found, found - refused.size(), refused.size(), duplicates, alreadyEnrolled,
                dryRun ? toEnroll.size() : imported, notStored, refused);
    }
}
