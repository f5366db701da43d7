package io.github.smsotp.sender;

/**
 * How many SMS a text takes. Texts in the GSM 7-bit alphabet fit 160 characters in one SMS (153
 * per part when split; the extension characters count twice); any other character switches the
 * whole text to UCS-2: 70 per SMS, 67 per part. Providers bill per part.
 */
public final class SmsSegments {

    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENSION = "^{}\\[~]|€\f";

    private SmsSegments() {
    }

    /** Whether the text can be sent in the GSM 7-bit alphabet. */
    public static boolean isGsm7(String text) {
        return text.chars().allMatch(c -> GSM_BASIC.indexOf(c) >= 0 || GSM_EXTENSION.indexOf(c) >= 0);
    }

    /** The number of SMS parts the text is sent as. */
    public static int count(String text) {
        if (isGsm7(text)) {
            int septets = text.chars().map(c -> GSM_EXTENSION.indexOf(c) >= 0 ? 2 : 1).sum();
            return septets <= 160 ? 1 : (septets + 152) / 153;
        }
        int units = text.length();
        return units <= 70 ? 1 : (units + 66) / 67;
    }
}
