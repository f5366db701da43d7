package io.github.smsotp.phone;

/**
 * Hides all but the country code and the last digits of a number, for pages, events and logs:
 * {@code +12015550123} becomes {@code +1 ••• ••• 0123}.
 */
public final class MaskedPhone {

    private static final int VISIBLE_TAIL = 4;
    private static final int GROUP = 3;
    private static final char HIDDEN = '\u2022';

    private MaskedPhone() {
    }

    public static String mask(String e164) {
        if (e164 == null || !e164.matches("\\+[0-9]{6,15}")) {
            // Not a number we produced; show nothing of it rather than risk echoing it.
            return "\u2022\u2022\u2022";
        }
        String digits = e164.substring(1);
        int codeLength = PhoneNumbers.callingCode(e164).map(c -> String.valueOf(c).length()).orElse(1);
        String national = digits.substring(codeLength);
        int hidden = Math.max(0, national.length() - VISIBLE_TAIL);
        return "+" + digits.substring(0, codeLength) + " " + hiddenGroups(hidden)
                + national.substring(hidden);
    }

    /** Dots in groups of three, a short remainder joining the last group, then a space. */
    private static String hiddenGroups(int count) {
        StringBuilder out = new StringBuilder();
        int groups = Math.max(1, count / GROUP);
        for (int g = 0; g < groups && count > 0; g++) {
            int size = g == groups - 1 ? count - GROUP * g : GROUP;
            out.append(String.valueOf(HIDDEN).repeat(size)).append(' ');
        }
        return out.toString();
    }
}
