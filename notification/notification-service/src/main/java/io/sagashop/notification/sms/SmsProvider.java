package io.sagashop.notification.sms;

/**
 * Sends a text message. A real provider (an SMS gateway's HTTP API) would implement this; the
 * shipped one only records messages ({@code RecordingSmsProvider}).
 */
public interface SmsProvider {

    /**
     * Sends {@code text} to {@code phone}; returns normally once the provider accepted it.
     *
     * @param reference what the message is about (e.g. an order id), for the provider's records
     * @throws SmsFailedException when the provider did not accept it (worth trying again)
     */
    void send(String phone, String text, String reference);
}
