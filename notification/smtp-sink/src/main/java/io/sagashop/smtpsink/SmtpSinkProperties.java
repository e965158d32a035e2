package io.sagashop.smtpsink;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code smtp-sink.*}.
 *
 * @param smtpPort    the SMTP port
 * @param bindAddress the address SMTP listens on (loopback by default: a sink is for this machine)
 */
@ConfigurationProperties("smtp-sink")
public record SmtpSinkProperties(@DefaultValue("2525") int smtpPort, @DefaultValue("127.0.0.1") String bindAddress) {
}
