package io.sagashop.notification.delivery;

import java.time.Duration;

/**
 * Runs one send with retries and exponential backoff ({@link NotificationSettings.Retry}). The
 * wait happens on the event processor's thread on purpose: the next events of the same customer
 * must not overtake a notification that is still being tried.
 */
final class Retrying {

    /** The outcome of {@link #run}: how many attempts it took, and the last failure if all failed. */
    record Result(int attempts, RuntimeException failure) {
        boolean succeeded() {
            return failure == null;
        }
    }

    private final NotificationSettings.Retry settings;
    private final Sleeper sleeper;

    Retrying(NotificationSettings.Retry settings, Sleeper sleeper) {
        this.settings = settings;
        this.sleeper = sleeper;
    }

    Result run(Runnable send) {
        RuntimeException last = null;
        int attempts = Math.max(1, settings.maxAttempts());
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                send.run();
                return new Result(attempt, null);
            } catch (RuntimeException e) {
                last = e;
                if (attempt < attempts && !sleeper.sleep(settings.backoffAfter(attempt))) {
                    return new Result(attempt, last);
                }
            }
        }
        return new Result(attempts, last);
    }

    /** Waits; false when interrupted (the processor is shutting down: stop trying). */
    interface Sleeper {
        boolean sleep(Duration duration);

        static Sleeper threadSleep() {
            return duration -> {
                try {
                    Thread.sleep(duration.toMillis());
                    return true;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            };
        }
    }
}
