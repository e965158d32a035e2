package io.sagashop.notification.sms;

import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The shipped SMS provider: a simulation. It sends nothing to any phone; it records each message
 * in table {@code sms_message} (phone, text, reference, when), where tests and curious developers
 * can read it. Replace this bean with a real provider to send for real.
 */
@Component
class RecordingSmsProvider implements SmsProvider {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    RecordingSmsProvider(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.clock = Clock.systemUTC();
    }

    @Override
    public void send(String phone, String text, String reference) {
        jdbc.update("INSERT INTO sms_message (phone, body, reference, recorded_at) VALUES (?, ?, ?, ?)",
                phone, text, reference, Timestamp.from(clock.instant()));
    }
}
