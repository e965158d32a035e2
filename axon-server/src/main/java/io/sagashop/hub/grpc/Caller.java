package io.sagashop.hub.grpc;

import io.grpc.Context;
import io.sagashop.hub.access.Application;

/** The application whose token the gRPC call being served carries, set by {@link AccessInterceptor}. */
public final class Caller {

    static final Context.Key<Application> APPLICATION = Context.key("hub-application");

    private Caller() {
    }

    /** The calling application; never null inside a call that passed the access check. */
    public static Application current() {
        Application application = APPLICATION.get();
        if (application == null) {
            throw new IllegalStateException("No authenticated caller: the access interceptor did not run");
        }
        return application;
    }
}
