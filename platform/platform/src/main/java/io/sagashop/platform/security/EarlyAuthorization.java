package io.sagashop.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Method;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.util.SimpleMethodInvocation;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Checks a controller method's {@code @PreAuthorize} (on the method or its class) before Spring
 * reads and validates the request body, so a caller without the role gets 403 (401 when
 * anonymous) whatever they send, never a 400 that would tell them how the body is judged.
 * Method security still checks again when the method runs. An expression that reads the
 * method's arguments ({@code #name}) cannot be judged before they exist and is left to method
 * security alone.
 */
final class EarlyAuthorization implements HandlerInterceptor {

    private final PreAuthorizeAuthorizationManager manager = new PreAuthorizeAuthorizationManager();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod handlerMethod)) {
            return true;
        }
        Method method = handlerMethod.getMethod();
        PreAuthorize rule = AnnotatedElementUtils.findMergedAnnotation(method, PreAuthorize.class);
        if (rule == null) {
            rule = AnnotatedElementUtils.findMergedAnnotation(handlerMethod.getBeanType(), PreAuthorize.class);
        }
        if (rule == null || rule.value().contains("#")) {
            return true;
        }
        var invocation = new SimpleMethodInvocation(handlerMethod.getBean(), method,
                new Object[method.getParameterCount()]);
        AuthorizationResult result = manager.authorize(() -> SecurityContextHolder.getContext().getAuthentication(),
                invocation);
        if (result != null && !result.isGranted()) {
            throw new AccessDeniedException("Access denied");
        }
        return true;
    }
}
