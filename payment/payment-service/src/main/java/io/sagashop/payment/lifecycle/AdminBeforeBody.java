package io.sagashop.payment.lifecycle;

import io.sagashop.platform.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Authorization before validation for the payment commands: {@code @PreAuthorize} is checked
 * only once the body was read and validated, so a customer's invalid request got a 400 that
 * described the admin API. This interceptor runs before the body is read: not an admin → 403
 * (401 without a token), whatever the body.
 */
@Component
class AdminBeforeBody implements HandlerInterceptor, WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method && method.getBeanType() == PaymentCommandController.class
                && !CurrentUser.isAdmin()) {
            throw new AccessDeniedException("payment commands are for admins");
        }
        return true;
    }
}
