package io.github.smsotp.challenge;

import java.time.Duration;

/**
 * What has happened to a code, kept where every request on every cluster node sees it at once:
 * the tries made with it and whether it was accepted. The tab's notes cannot hold this: requests
 * racing with the same cookies each read them before the others write, so each would see a fresh
 * count, and a late one could write a used-up code back.
 */
public interface CodeUses {

    /**
     * Claims the next try of a code, before the input is compared.
     *
     * @return the number of this try (1 for the first), or 0 when all {@code maxTries} are used
     */
    int claimTry(String codeId, int maxTries, Duration keepFor);

    /** Marks the code accepted; false when another request already did. */
    boolean markSpent(String codeId, Duration keepFor);
}
