package io.github.smsotp.step;

/** What a code is for: it decides what the code page says and offers. */
public enum CodePurpose {

    /** A second factor after the password. */
    SIGN_IN(false, false, true),
    /** Confirming a number the user is adding: the page offers to change it. */
    ENROLLMENT(true, true, true),
    /** Signing in with the phone number alone: the page offers to type another. */
    PHONE_SIGN_IN(false, true, true),
    /**
     * A password reset for whoever typed a username: the page never shows a number, which would tell
     * whether the account has one (and part of it).
     */
    PASSWORD_RESET(false, false, false);

    private final boolean enrollment;
    private final boolean numberChangeable;
    private final boolean numberShown;

    CodePurpose(boolean enrollment, boolean numberChangeable, boolean numberShown) {
        this.enrollment = enrollment;
        this.numberChangeable = numberChangeable;
        this.numberShown = numberShown;
    }

    boolean enrollment() {
        return enrollment;
    }

    boolean numberChangeable() {
        return numberChangeable;
    }

    boolean numberShown() {
        return numberShown;
    }
}
