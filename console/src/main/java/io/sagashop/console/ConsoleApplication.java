package io.sagashop.console;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The standalone saga console: the saga and consistency pages of {@code saga-inspection-web},
 * served to signed-in operators, asking every Axon application that answers the inspection
 * protocol through the Axon Server connector. It needs no database and no hub of ours: any Axon
 * Server (AxonIQ's, or the hub) that routes the applications' queries and commands will do.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ConsoleApplication {

    public static void main(String[] args) {
        SpringApplication.run(ConsoleApplication.class, args);
    }
}
