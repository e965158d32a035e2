package io.sagashop.catalog.product;

import io.sagashop.platform.axon.AggregateNotFoundInterceptor;
import io.sagashop.platform.DomainError;
import java.util.Objects;
import org.axonframework.commandhandling.CommandExecutionException;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matches a CommandExecutionException that carries a DomainError with the given status, code and field. */
final class DomainErrorMatcher extends TypeSafeMatcher<Throwable> {

    private final int status;
    private final String code;
    private final String field;

    private DomainErrorMatcher(int status, String code, String field) {
        this.status = status;
        this.code = code;
        this.field = field;
    }

    static Matcher<Throwable> invalid(String field) {
        return new DomainErrorMatcher(400, ProductErrors.INVALID, field);
    }

    static Matcher<Throwable> notFound() {
        return new DomainErrorMatcher(404, AggregateNotFoundInterceptor.NOT_FOUND, null);
    }

    static Matcher<Throwable> conflict(String code) {
        return new DomainErrorMatcher(409, code, null);
    }

    static Matcher<Throwable> conflict(String code, String field) {
        return new DomainErrorMatcher(409, code, field);
    }

    @Override
    protected boolean matchesSafely(Throwable item) {
        return item instanceof CommandExecutionException failure
                && failure.getDetails().orElse(null) instanceof DomainError error
                && error.status() == status && error.code().equals(code) && Objects.equals(error.field(), field);
    }

    @Override
    public void describeTo(Description description) {
        description.appendText("a DomainError " + status + " " + code + (field == null ? "" : " on field " + field));
    }
}
