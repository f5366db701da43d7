package io.github.smsotp.challenge;

import java.time.Duration;

/**
 * Remembers codes that were accepted, so that two requests racing with the same right code
 * (on one node or two) give exactly one success.
 */
public interface SpentCodes {

    /** Marks the code spent; false when another request already did. */
    boolean markSpent(String codeId, Duration keepFor);
}
