package dev.confnotes.demos.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

import dev.confnotes.system.RequestPaths;

@Configuration(proxyBeanMethods = false)
class DemoWebConfiguration {

    /**
     * An ETag on the demo source pages, so a reader who opens the code again gets a 304. It is a hash
     * of the body, so it changes with the demo's files, the language, the fragment or the full page, and
     * the templates alike. Not the talks' page cache: that filter is keyed to the catalog's URL patterns,
     * and the rest of {@code /demos/*} is run history and event streams, which must not be buffered.
     */
    @Bean
    FilterRegistrationBean<ShallowEtagHeaderFilter> demoSourceEtags() {
        ShallowEtagHeaderFilter filter = new ShallowEtagHeaderFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return !RequestPaths.of(request).endsWith("/source");
            }
        };
        // Weak: the server compresses the response, and the gzipped bytes differ from these.
        filter.setWriteWeakETag(true);
        FilterRegistrationBean<ShallowEtagHeaderFilter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/demos/*");
        return registration;
    }
}
