package io.sagashop.notification.sms;

/** The SMS provider did not accept a message; sending it again may succeed. */
public class SmsFailedException extends RuntimeException {

    public SmsFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
