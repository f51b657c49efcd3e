package dev.confnotes.talks;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.LocaleResolver;

@Configuration(proxyBeanMethods = false)
class TalkWebConfiguration {

    /**
     * The catalog's pages and JSON, by explicit pattern: the filter buffers whole responses, and
     * streaming endpoints (demo runs' server-sent events) must never pass through it.
     */
    static final String[] CACHED_PAGES = { "/", "/talks/*", "/tags", "/tags/*", "/follow-ups", "/api/talks",
            "/api/talks/*" };

    /** After the security headers; before the request metrics (see {@link #requestMetricsAfterPageCache()}). */
    static final int PAGE_CACHE_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    @Bean
    KeptPages keptPages(Catalog catalog, PagesProperties properties, ObjectProvider<MeterRegistry> meters) {
        return new KeptPages(catalog, properties, meters.getIfAvailable(() -> Metrics.globalRegistry));
    }

    @Bean
    FilterRegistrationBean<PageCacheFilter> pageCacheFilter(Catalog catalog, LocaleResolver localeResolver,
            PagesProperties properties, KeptPages keptPages) {
        FilterRegistrationBean<PageCacheFilter> registration = new FilterRegistrationBean<>(
                new PageCacheFilter(catalog, localeResolver, properties, keptPages));
        registration.addUrlPatterns(CACHED_PAGES);
        registration.setOrder(PAGE_CACHE_ORDER);
        return registration;
    }

    /** Kept pages are answered by the server itself, ahead of the app ({@link KeptPagesHandler}). */
    @Bean
    WebServerFactoryCustomizer<JettyServletWebServerFactory> keptPagesAheadOfTheApp(KeptPages keptPages) {
        return factory -> factory.addServerCustomizers(server -> server.setHandler(new KeptPagesHandler(server.getHandler(), keptPages)));
    }

    /**
     * Moves Spring's request observation ({@code http.server.requests}) behind the page cache. It
     * cost about a sixth of the CPU of a cached page (measured with JFR under bench/pages.sh), more
     * than the cache lookup itself; a page served from the cache is counted by the cheaper
     * {@code confnotes.pages.cache} counter instead, and every other request is observed as before.
     */
    @Bean
    static BeanPostProcessor requestMetricsAfterPageCache() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof FilterRegistrationBean<?> registration
                        && registration.getFilter() instanceof ServerHttpObservationFilter
                        && registration.getOrder() <= PAGE_CACHE_ORDER) {
                    registration.setOrder(PAGE_CACHE_ORDER + 1);
                }
                return bean;
            }
        };
    }
}
