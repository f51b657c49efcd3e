package dev.confnotes.system;

import java.time.Clock;

import org.eclipse.jetty.server.ServerConnector;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SystemConfiguration {

    /** Connections waiting to be accepted: a hall of phones opens the same stream within seconds. */
    static final int ACCEPT_QUEUE = 1024;

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Requests the server refuses itself get the site's page and headers, not Jetty's report; the accept
     * queue is long enough for a burst of viewers.
     */
    @Bean
    WebServerFactoryCustomizer<JettyServletWebServerFactory> siteServer() {
        return factory -> factory.addServerCustomizers(server -> {
            server.setErrorHandler(new SiteErrorHandler());
            for (var connector : server.getConnectors()) {
                if (connector instanceof ServerConnector serverConnector) {
                    serverConnector.setAcceptQueueSize(ACCEPT_QUEUE);
                }
            }
        });
    }
}
