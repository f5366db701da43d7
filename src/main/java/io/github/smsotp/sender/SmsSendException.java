package io.github.smsotp.sender;

/**
 * The gateway did not accept a message. The message of this exception is written to the server
 * log, so it must hold neither the code nor the full number.
 */
public class SmsSendException extends Exception {

    public SmsSendException(String message) {
        super(message);
    }

    public SmsSendException(String message, Throwable cause) {
        super(message, cause);
    }
}
