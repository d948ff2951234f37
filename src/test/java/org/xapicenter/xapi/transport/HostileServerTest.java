package org.xapicenter.xapi.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.xmlrpc.util.SAXParsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.Protocol;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.XapiSecurity;
import org.xapicenter.xapi.wire.WireFormatException;
import org.xapicenter.xapi.wire.XmlRpcMessages;
import org.xml.sax.InputSource;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A hostile XML-RPC server: a {@code <fault>} whose {@code faultCause} is a serialized Java object
 * (CVE-2019-17570) and replies with a DOCTYPE pointing at an external entity or DTD (CVE-2016-5002).
 * Both must be refused with a clear error; nothing may be deserialized or fetched.
 */
class HostileServerTest {

    /** Serializable "gadget": deserializing it flips a flag, as a real gadget chain would run code. */
    static final class Gadget implements Serializable {
        private static final long serialVersionUID = 1L;
        static volatile boolean deserialized;

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            deserialized = true;
        }
    }

    private HttpServer hostile;
    private HttpServer bystander;
    private final AtomicInteger bystanderHits = new AtomicInteger();
    private final AtomicReference<byte[]> nextReply = new AtomicReference<>();

    @BeforeEach
    void start() throws IOException {
        Gadget.deserialized = false;
        bystander = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        bystander.createContext("/", ex -> {
            bystanderHits.incrementAndGet();
            byte[] body = "<!ENTITY leak \"secret\">".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        bystander.start();
        hostile = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hostile.createContext("/", ex -> {
            try (InputStream in = ex.getRequestBody()) {
                in.readAllBytes();
            }
            ex.getResponseHeaders().set("Content-Type", "text/xml");
            byte[] body = nextReply.get();
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        hostile.start();
    }

    @AfterEach
    void stop() {
        hostile.stop(0);
        bystander.stop(0);
    }

    private XmlRpcTransport transport() {
        return new XmlRpcTransport(ConnectionSettings.of(
                URI.create("http://127.0.0.1:" + hostile.getAddress().getPort()), Protocol.XML_RPC));
    }

    private String bystanderUrl() {
        return "http://127.0.0.1:" + bystander.getAddress().getPort() + "/payload";
    }

    private static byte[] serializedGadget() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new Gadget());
        }
        return bytes.toByteArray();
    }

    @Test
    void thePayloadIsLiveWhenSomethingDoesDeserializeIt() throws Exception {
        // Control: with a stream filter that lets the gadget through, reading it flips the flag, so the
        // assertion in the next test would fail if our client deserialized faultCause.
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(serializedGadget()))) {
            in.setObjectInputFilter(info -> info.serialClass() == null || info.serialClass() == Gadget.class
                    ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED);
            in.readObject();
        }
        assertThat(Gadget.deserialized).isTrue();
    }

    @Test
    void installSetsARejectAllFilterThatStopsAPlainObjectInputStream() throws Exception {
        // The test JVM sets no -Djdk.serialFilter, so whichever test class ran install() first, the
        // process-wide filter exists only because install() set it; without it this read would run
        // the gadget (see the control above, which only differs by allowing the class).
        XapiSecurity.install();
        assertThat(XapiSecurity.ownsSerialFilter()).as("the process-wide filter is XapiSecurity's").isTrue();
        long refusedBefore = XapiSecurity.refusedDeserializations();
        assertThatThrownBy(() -> {
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(serializedGadget()))) {
                in.readObject();
            }
        }).isInstanceOf(InvalidClassException.class);
        assertThat(Gadget.deserialized).isFalse();
        assertThat(XapiSecurity.refusedDeserializations()).isGreaterThan(refusedBefore);
    }

    @Test
    void faultCauseIsNeverDeserialized() throws Exception {
        String fault = "<?xml version=\"1.0\"?><methodResponse><fault><value><struct>"
                + "<member><name>faultCode</name><value><int>0</int></value></member>"
                + "<member><name>faultString</name><value>java.lang.RuntimeException: gotcha</value></member>"
                + "<member><name>faultCause</name><value><base64>"
                + Base64.getEncoder().encodeToString(serializedGadget())
                + "</base64></value></member></struct></value></fault></methodResponse>";
        nextReply.set(fault.getBytes(StandardCharsets.UTF_8));
        XmlRpcTransport transport = transport(); // installs XapiSecurity
        // The filter would refuse the gadget, so the flag alone could not fail; the filter's count of
        // refusals shows whether anything even tried to deserialize the cause.
        assertThat(XapiSecurity.ownsSerialFilter()).isTrue();
        long refusedBefore = XapiSecurity.refusedDeserializations();

        // Our own decoder produced this (Apache's parser is disabled in HardenedHttpTransport and would
        // fail differently), and the cause was ignored rather than read.
        assertThatThrownBy(() -> transport.call("VM.get_all", List.of("OpaqueRef:s")))
                .isInstanceOfSatisfying(XapiException.class, e -> {
                    assertThat(e.code()).isEqualTo(XmlRpcMessages.FAULT_CODE);
                    assertThat(e.params()).containsExactly("0", "java.lang.RuntimeException: gotcha");
                    assertThat(e.getCause()).isNull();
                });
        assertThat(XapiSecurity.refusedDeserializations()).as("deserialization attempts").isEqualTo(refusedBefore);
        assertThat(Gadget.deserialized).isFalse();
    }

    @Test
    void noClassOfTheClientEvenReferencesObjectInputStream() throws Exception {
        // Independent of any serialization filter: the client's code cannot deserialize because it never
        // creates an ObjectInputStream. Scans the compiled classes of org.xapicenter.xapi.
        Path location = Path.of(XmlRpcTransport.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Path> offenders;
        if (Files.isDirectory(location)) {
            offenders = scan(location.resolve("org/xapicenter/xapi"));
        } else {
            try (FileSystem jar = FileSystems.newFileSystem(location)) {
                offenders = scan(jar.getPath("/org/xapicenter/xapi"));
            }
        }
        assertThat(offenders).isEmpty();
    }

    private static List<Path> scan(Path root) throws IOException {
        byte[] needle = "java/io/ObjectInputStream".getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> classes = files.filter(p -> p.toString().endsWith(".class")).toList();
            assertThat(classes).as("compiled client classes").isNotEmpty();
            return classes.stream().filter(p -> contains(read(p), needle)).toList();
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Test
    void externalEntityInAReplyIsRefusedAndNothingIsFetched() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE methodResponse [<!ENTITY xxe SYSTEM \"" + bystanderUrl() + "\">]>"
                + "<methodResponse><params><param><value><struct>"
                + "<member><name>Status</name><value>Success</value></member>"
                + "<member><name>Value</name><value>&xxe;</value></member>"
                + "</struct></value></param></params></methodResponse>";
        nextReply.set(xxe.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> transport().call("VM.get_all", List.of("OpaqueRef:s")))
                .isInstanceOfSatisfying(org.xapicenter.xapi.XapiException.class, x -> {
                    assertThat(x.code()).isEqualTo("XAPICENTER_NOT_XAPI");
                    assertThat(x.params().get(1)).contains("DOCTYPE");
                });
        assertThat(bystanderHits).hasValue(0);
    }

    @Test
    void externalDtdInAReplyIsRefusedAndNothingIsFetched() {
        String dtd = "<?xml version=\"1.0\"?><!DOCTYPE methodResponse SYSTEM \"" + bystanderUrl() + "\">"
                + "<methodResponse><params><param><value>x</value></param></params></methodResponse>";
        nextReply.set(dtd.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> transport().call("VM.get_all", List.of("OpaqueRef:s")))
                .isInstanceOfSatisfying(org.xapicenter.xapi.XapiException.class, x -> {
                    assertThat(x.code()).isEqualTo("XAPICENTER_NOT_XAPI");
                    assertThat(x.params().get(1)).contains("DOCTYPE");
                });
        assertThat(bystanderHits).hasValue(0);
    }

    @Test
    void apachesOwnParserFactoryIsHardenedToo() {
        XapiSecurity.install();
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE v [<!ENTITY xxe SYSTEM \"" + bystanderUrl() + "\">]><v>&xxe;</v>";
        assertThatThrownBy(() -> {
            var reader = SAXParsers.newXMLReader();
            reader.setContentHandler(new DefaultHandler());
            reader.setErrorHandler(new DefaultHandler());
            reader.parse(new InputSource(new ByteArrayInputStream(xxe.getBytes(StandardCharsets.UTF_8))));
        }).hasMessageContaining("DOCTYPE");
        assertThat(bystanderHits).hasValue(0);
        assertThat(XapiSecurity.ownsSerialFilter()).isTrue();
    }
}
