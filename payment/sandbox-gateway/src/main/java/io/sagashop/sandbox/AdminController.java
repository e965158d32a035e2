package io.sagashop.sandbox;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Changes the faults at run time, for fault tests: latency, failure rate, outage, the next N failures or slow answers. */
@RestController
@RequestMapping("/admin/faults")
class AdminController {

    /** The faults to put in force for one provider. */
    record FaultsRequest(@PositiveOrZero long latencyMillis,
                         @DecimalMin("0") @DecimalMax("1") double failureRate,
                         boolean down,
                         @PositiveOrZero int failNext,
                         @PositiveOrZero int slowNext) {
    }

    private final Faults faults;

    AdminController(Faults faults) {
        this.faults = faults;
    }

    @GetMapping
    Map<Provider, FaultSettings> current() {
        return faults.all();
    }

    @PutMapping("/{provider}")
    FaultSettings set(@PathVariable String provider, @Valid @RequestBody FaultsRequest request) {
        FaultSettings settings = new FaultSettings(request.latencyMillis(), request.failureRate(), request.down(),
                request.failNext(), request.slowNext());
        faults.set(Provider.of(provider), settings);
        return settings;
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void reset() {
        faults.reset();
    }
}
