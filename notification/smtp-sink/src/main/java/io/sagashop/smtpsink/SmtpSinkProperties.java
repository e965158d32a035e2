package io.sagashop.smtpsink;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sink.smtp.*} (what {@code ./shop} and the e2e tests pass, e.g. {@code --sink.smtp.port=2525};
 * environment {@code SINK_SMTP_PORT}).
 *
 * @param port        the SMTP port
 * @param bindAddress the address SMTP listens on (loopback by default: a sink is for this machine)
 * @param keep        how many mails are kept, the newest: the sink holds them in memory, and
 *                    without a bound a long run (the bench's seeding of 100 000 orders) filled its
 *                    heap and left it collecting garbage on a whole core
 */
@ConfigurationProperties("sink.smtp")
public record SmtpSinkProperties(@DefaultValue("2525") int port, @DefaultValue("127.0.0.1") String bindAddress,
                                 @DefaultValue("10000") int keep) {

    public SmtpSinkProperties {
        if (keep < 1) {
            throw new IllegalArgumentException("sink.smtp.keep must be at least 1, was " + keep);
        }
    }
}
