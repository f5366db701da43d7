package io.github.smsotp.step;

/**
 * When a code's send goes to the gateway, and what the answers say of it. Where a page answers, the
 * send goes after the page, so that no page waits for the gateway (see {@link CodeSend}).
 */
public enum Dispatch {

    /**
     * Within the request, where no page answers: an app's token request has no page that could learn
     * of a failed send later, so its answer waits for the gateway and says whether the code went.
     */
    IN_REQUEST,

    /**
     * The user is known: the code page asks for the send's outcome and shows a failed one without a
     * reload, and the step's next page says it too.
     */
    REPORTED,

    /**
     * The user is not known yet, and a known number must look like an unknown one: a failed send
     * shows on no page (only in the log and the metrics), as nothing is ever sent to an unknown number.
     */
    UNREPORTED,

    /**
     * Never sent: the number belongs to no account that may sign in with it. The pages are those of a
     * sent code, and no code is right, so that nobody learns which numbers have accounts.
     */
    WITHHELD
}
