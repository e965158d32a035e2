package io.sagashop.platform.test.app;

import jakarta.validation.constraints.Pattern;
import java.util.Map;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A controller whose arguments are checked by method validation ({@code @Validated}), as the order service's are. */
@RestController
@Validated
class ValidatedController {

    @GetMapping("/labels")
    Map<String, String> label(@RequestParam @Pattern(regexp = "[a-z]{1,8}", message = "must be 1 to 8 small letters")
                              String code) {
        return Map.of("label", code.toUpperCase());
    }
}
