package dev.confnotes.talks;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.LocaleResolver;

@Configuration(proxyBeanMethods = false)
class TalkWebConfiguration {

    /**
     * The catalog's pages and JSON, by explicit pattern: the filter buffers whole responses, and
     * streaming endpoints (demo runs' server-sent events) must never pass through it.
     */
    static final String[] CACHED_PAGES = { "/", "/talks/*", "/tags", "/tags/*", "/follow-ups", "/api/talks",
            "/api/talks/*" };

    @Bean
    FilterRegistrationBean<PageCacheFilter> pageCacheFilter(Catalog catalog, LocaleResolver localeResolver,
            PagesProperties properties) {
        FilterRegistrationBean<PageCacheFilter> registration = new FilterRegistrationBean<>(
                new PageCacheFilter(catalog, localeResolver, properties));
        registration.addUrlPatterns(CACHED_PAGES);
        // After the security headers and the request metrics, before everything that renders.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
