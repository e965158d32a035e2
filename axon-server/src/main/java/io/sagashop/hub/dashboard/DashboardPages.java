package io.sagashop.hub.dashboard;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The dashboard's pages are static files under {@code classpath:/static/dashboard/}; the root leads there. */
@Controller
class DashboardPages {

    @GetMapping({"/", "/dashboard", "/dashboard/"})
    String index() {
        return "forward:/dashboard/index.html";
    }
}
