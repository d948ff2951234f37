package org.xapicenter.xapi.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.Protocol;
import org.xapicenter.xapi.RpcTransport;

/** Error messages name the server as scheme://host:port, never with user-info from its URL. */
class ServerAddressInMessagesTest {
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            try (InputStream in = ex.getRequestBody()) {
                in.readAllBytes();
            }
            ex.sendResponseHeaders(500, -1);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void anHttpErrorNamesTheServerWithoutUserInfo(Protocol protocol) {
        int port = server.getAddress().getPort();
        ConnectionSettings settings = ConnectionSettings.of(
                URI.create("http://root:pw-in-url@127.0.0.1:" + port + "/some/path?q=1"), protocol);
        RpcTransport transport = Transports.open(settings);
        assertThatThrownBy(() -> transport.call("VM.get_all", List.of("OpaqueRef:s")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("HTTP 500")
                .hasMessageContaining("http://127.0.0.1:" + port)
                .hasMessageNotContaining("pw-in-url")
                .hasMessageNotContaining("root:");
        assertThat(transport.toString()).doesNotContain("pw-in-url");
        assertThat(settings.toString()).contains("http://127.0.0.1:" + port).doesNotContain("pw-in-url");
    }
}
