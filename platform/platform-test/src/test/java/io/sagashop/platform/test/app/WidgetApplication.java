package io.sagashop.platform.test.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class WidgetApplication {
}
