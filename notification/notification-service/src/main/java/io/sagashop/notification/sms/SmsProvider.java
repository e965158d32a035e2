package io.sagashop.notification.sms;

/**
 * Sends a text message. A real provider (an SMS gateway's HTTP API) would implement this; the
 * shipped one only records messages ({@code RecordingSmsProvider}).
 */
public interface SmsProvider {

    /**
     * Sends {@code text} to {@code phone}; returns normally once the provider accepted it.
     *
     * <p>Throws any runtime exception when the provider did not accept the message; the caller
     * tries again with backoff.
     *
     * @param reference what the message is about (e.g. an order id), for the provider's records
     */
    void send(String phone, String text, String reference);
}
