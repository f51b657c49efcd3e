package dev.confnotes.demos.stream;

import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Smaller per-connection socket buffers: an SSE viewer holds a connection for minutes but only ever
 * receives small events, and with thousands of viewers the default 8 KB read and write buffers per
 * connection are most of the server's heap.
 */
@Configuration(proxyBeanMethods = false)
class SseConnectionsConfiguration {

    @Bean
    TomcatConnectorCustomizer smallSocketBuffers() {
        return connector -> {
            if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
                http.setProperty("socket.appReadBufSize", "2048");
                http.setProperty("socket.appWriteBufSize", "4096");
            }
        };
    }
}
