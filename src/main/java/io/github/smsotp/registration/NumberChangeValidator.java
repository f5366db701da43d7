package io.github.smsotp.registration;

import java.util.Collection;
import java.util.Objects;

import io.github.smsotp.credential.VerifiedPhone;
import org.keycloak.models.UserModel;
import org.keycloak.userprofile.AttributeContext;
import org.keycloak.userprofile.UserProfileAttributeValidationContext;
import org.keycloak.validate.SimpleValidator;
import org.keycloak.validate.ValidationContext;
import org.keycloak.validate.ValidationError;
import org.keycloak.validate.ValidatorConfig;

/**
 * User-profile validator {@code sms-otp-number-changes-by-code}, for the {@code phoneNumber}
 * attribute: users type it at registration, but change it afterwards only through the enrollment
 * action, which confirms the new number by code. Keycloak's user profile has one edit permission for
 * every context a user edits in (registration, Account Console, update-profile), so this validator
 * refuses a user's change anywhere but at registration. Admins may change it.
 */
public class NumberChangeValidator implements SimpleValidator {

    public static final String ID = "sms-otp-number-changes-by-code";
    static final String MESSAGE = "smsOtpNumberChangesByCode";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public ValidationContext validate(Object input, String inputHint, ValidationContext context, ValidatorConfig config) {
        if (!(context instanceof UserProfileAttributeValidationContext profile)) {
            return context;
        }
        AttributeContext attribute = profile.getAttributeContext();
        UserModel user = attribute.getUser();
        if (user == null || attribute.getContext().isAdminContext()) {
            return context;
        }
        // An emptied field is a change too: it arrives as an empty list.
        String value = input instanceof Collection<?> values
                ? values.stream().filter(Objects::nonNull).map(String::valueOf).findFirst().orElse(null)
                : (String) input;
        if (!Objects.equals(blankAsNull(value), blankAsNull(user.getFirstAttribute(VerifiedPhone.NUMBER)))) {
            context.addError(new ValidationError(ID, inputHint, MESSAGE));
        }
        return context;
    }

    private static String blankAsNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
