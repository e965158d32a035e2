package io.sagashop.catalog.product;

import io.sagashop.platform.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Checks the ADMIN role for every write under {@code /products} before the body is read, so a
 * customer gets 403 whatever they send ({@code @PreAuthorize} on the controller runs only after
 * the body was parsed and validated, which would answer 400 first). The controller keeps its
 * {@code @PreAuthorize} as the declaration of who may call it.
 */
@Configuration
class AdminOnlyWrites implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                boolean read = HttpMethod.GET.matches(request.getMethod()) || HttpMethod.HEAD.matches(request.getMethod())
                        || HttpMethod.OPTIONS.matches(request.getMethod());
                if (!read && !CurrentUser.isAdmin()) {
                    throw new AccessDeniedException("Changing the catalog needs the ADMIN role");
                }
                return true;
            }
        }).addPathPatterns("/products", "/products/**");
    }
}
