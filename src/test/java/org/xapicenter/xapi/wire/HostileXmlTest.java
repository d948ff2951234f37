package org.xapicenter.xapi.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Documents with a DOCTYPE are refused before any entity, internal or external, is resolved. */
class HostileXmlTest {
    private HttpServer server;
    private final AtomicInteger hits = new AtomicInteger();
    private String url;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            hits.incrementAndGet();
            byte[] body = "<!ENTITY x \"pwned\">".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/evil";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static ByteArrayInputStream in(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void externalEntityInAValueIsRefusedAndNothingIsFetched() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE v [<!ENTITY e SYSTEM \"" + url + "\">]><value>&e;</value>";
        assertThatThrownBy(() -> XmlRpcValues.parseValue(xml))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("DOCTYPE");
        assertThat(hits).hasValue(0);
    }

    @Test
    void externalDtdAndParameterEntitiesInAResponseAreRefused() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE methodResponse SYSTEM \"" + url + "\">"
                + "<methodResponse><params><param><value>x</value></param></params></methodResponse>";
        assertThatThrownBy(() -> XmlRpcMessages.parseMethodResponse(in(xml), 10_000))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("DOCTYPE");
        String pe = "<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY % p SYSTEM \"" + url + "\"> %p;]>"
                + "<methodCall><methodName>x</methodName></methodCall>";
        assertThatThrownBy(() -> XmlRpcMessages.parseMethodCall(in(pe), 10_000))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("DOCTYPE");
        assertThat(hits).hasValue(0);
    }

    @Test
    void entityExpansionBombIsRefused() {
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE v [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>"
                + "<value>&b;</value>";
        assertThatThrownBy(() -> XmlRpcValues.parseValue(bomb)).isInstanceOf(WireFormatException.class);
    }

    @Test
    void theFactoryIsHardened() throws Exception {
        var f = SecureXml.factory();
        assertThat(f.isNamespaceAware()).isFalse();
        assertThat(f.getFeature("http://apache.org/xml/features/disallow-doctype-decl")).isTrue();
        assertThat(f.getFeature("http://xml.org/sax/features/external-general-entities")).isFalse();
        assertThat(f.getFeature(javax.xml.XMLConstants.FEATURE_SECURE_PROCESSING)).isTrue();
    }
}
