package io.github.smsotp.step;

/** When a code's SMS goes to the gateway, as the entry point needs it. */
public enum Dispatch {

    /** Within the request: the page that follows says whether the SMS went out. */
    IN_REQUEST,

    /**
     * After the page is answered, so that the gateway's time shows in no response: where the user is
     * not known yet, a known number must take as long as an unknown one. A failed send shows on no
     * page either (only in the log and the metrics), as nothing is ever sent to an unknown number.
     */
    AFTER_RESPONSE,

    /**
     * Never: the number belongs to no account that may sign in with it. The pages are those of a sent
     * code, and no code is right, so that nobody learns which numbers have accounts.
     */
    WITHHELD
}
