package io.sagashop.notification;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The notification service: e-mail and SMS on order outcomes. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NotificationApplication {

    /**
     * Jakarta Mail looks its stream provider up with a {@link java.util.ServiceLoader} for every
     * body part it builds; inside the Spring Boot jar that scan of every nested jar was half of
     * this service's CPU under load. Naming the provider makes the lookup a class load.
     */
    static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    public static void main(String[] args) {
        if (System.getProperty(STREAM_PROVIDER) == null) {
            System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
        SpringApplication.run(NotificationApplication.class, args);
    }
}
