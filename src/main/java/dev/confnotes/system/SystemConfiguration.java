package dev.confnotes.system;

import java.time.Clock;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SystemConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Requests Tomcat refuses itself get the site's page and headers, not Tomcat's report. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> siteErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(SiteErrorReportValve.class.getName());
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve.getClass() == ErrorReportValve.class) {
                        host.getPipeline().removeValve(valve);
                    }
                }
            }
        });
    }
}
