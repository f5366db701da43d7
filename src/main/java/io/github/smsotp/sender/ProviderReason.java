package io.github.smsotp.sender;

/**
 * A gateway's own explanation of a refusal, made safe for the server log: providers often echo
 * the destination number or the text, so every run of six or more digits (numbers, codes) is
 * blanked; the result is one line of bounded length.
 */
public final class ProviderReason {

    private static final int MAX_LENGTH = 300;

    private ProviderReason() {
    }

    public static String forLog(String reason) {
        String safe = reason.replaceAll("\\+?[0-9][0-9 ]{4,}[0-9]", "\u2022\u2022\u2022").replaceAll("\\s+", " ").trim();
        return safe.length() > MAX_LENGTH ? safe.substring(0, MAX_LENGTH) + "\u2026" : safe;
    }
}
