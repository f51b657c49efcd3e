package dev.confnotes.demos.stream;

import java.io.IOException;
import java.net.StandardSocketOptions;

import jakarta.servlet.http.HttpServletRequest;

import org.eclipse.jetty.ee11.servlet.ServletContextRequest;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket under an event stream. The kernel grows a connection's send buffer as it sees fit (to 4 MB on
 * loopback), so a reader that stops reading could hold megabytes, and hours of a slow demo's events, before
 * a write would wait and the stall bound could start to count. A stream's connection gets a fixed, small
 * send buffer instead.
 */
final class StreamSockets {

    private static final Logger log = LoggerFactory.getLogger(StreamSockets.class);

    private StreamSockets() {
    }

    static void limitSendBuffer(HttpServletRequest request, int bytes) {
        ServletContextRequest jetty = ServletContextRequest.getServletContextRequest(request);
        if (jetty != null && jetty.getConnectionMetaData().getConnection().getEndPoint() instanceof SocketChannelEndPoint socket) {
            try {
                socket.getChannel().setOption(StandardSocketOptions.SO_SNDBUF, bytes);
            }
            catch (IOException | UnsupportedOperationException ex) {
                log.debug("Could not size the send buffer of an event stream: {}", ex.getMessage());
            }
        }
    }
}
