package org.xapicenter.xapi.console;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.XapiSession;
import org.xapicenter.xapi.console.ConsoleException.Reason;
import org.xapicenter.xapi.record.Console;
import org.xapicenter.xapi.sidechannel.Endpoint;
import org.xapicenter.xapi.sidechannel.HttpReply;
import org.xapicenter.xapi.sidechannel.SideChannel;
import org.xapicenter.xapi.sidechannel.SideChannelException;

/**
 * Opens the byte stream behind a {@code console} record: a connection to the host named in its
 * {@code location}, {@code CONNECT <path?query>&session_id=<ref> HTTP/1.0} with the session also in a
 * cookie, and after a {@code 200} the same socket, which from then on carries RFB.
 *
 * <p>The scheme and port are the API connection's, not the location's: every host of a pool serves
 * the same port, and a location never carries one (a simulator on a random port must work too). TLS
 * trust is the API's as well: {@link ConnectionSettings#sslContext()} when given (a pinned decision, so,
 * as in the API transport, the certificate check is the context's alone), else the JDK's trust store
 * with hostname verification.
 *
 * <p>The socket, TLS and bounded header read are {@link SideChannel}'s, shared with the XVA transfers;
 * the header is read one byte at a time, so not one byte of RFB that may follow it in the same packet
 * is swallowed by a buffer.
 */
public final class ConsoleTunnel {
    /** Longest reply header we read before giving up on the host. */
    public static final int MAX_HEADER_BYTES = SideChannel.MAX_HEADER_BYTES;

    private ConsoleTunnel() {
    }

    /**
     * Opens {@code console} with the session's current ref and its connection's scheme, port and trust.
     * A 401 for a session the server has forgotten (expiry, toolstack restart) gets what API calls get:
     * one re-login, through a cheap call, and one retry.
     */
    public static Socket open(XapiSession session, Console console) throws ConsoleException {
        String used = session.ref();
        try {
            return open(session.settings(), used, console);
        } catch (ConsoleException e) {
            if (e.reason() != Reason.SESSION_INVALID) {
                throw e;
            }
            try {
                session.call("pool.get_all"); // logs in again if the server forgot the session
            } catch (XapiException | IOException | RuntimeException notBetter) {
                throw e;
            }
            String fresh = session.ref();
            if (fresh == null || fresh.equals(used)) {
                throw e; // the API still accepts the session: the host refuses it for its own reasons
            }
            return open(session.settings(), fresh, console);
        }
    }

    /**
     * Opens {@code console} (protocol {@code rfb}) for the session {@code sessionRef}.
     *
     * @return a connected socket positioned at the first RFB byte, read timeout cleared; the caller
     *     owns it
     */
    public static Socket open(ConnectionSettings settings, String sessionRef, Console console) throws ConsoleException {
        if (!"rfb".equalsIgnoreCase(console.protocol())) {
            throw new ConsoleException(Reason.NO_RFB_CONSOLE, "This console speaks " + printable(console.protocol())
                    + ", not RFB (VNC), so it cannot be shown.", List.of(console.ref(), console.protocol()));
        }
        return open(settings, sessionRef, console.location());
    }

    /** Opens the RFB console at {@code location} ({@code https://<host>/console?uuid=...}). */
    public static Socket open(ConnectionSettings settings, String sessionRef, String location) throws ConsoleException {
        Target target = Target.of(settings, location);
        Socket socket;
        try {
            // keys and pointer moves are tiny writes that must leave at once
            socket = SideChannel.connect(settings, target.endpoint, true).socket();
        } catch (SideChannelException e) {
            throw translate(e, target);
        }
        try {
            int timeout = SideChannel.replyTimeoutMillis(settings);
            OutputStream out = socket.getOutputStream();
            out.write(request(target, sessionRef).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String header = SideChannel.readHeader(socket.getInputStream(), target.endpoint, timeout);
            checkStatus(HttpReply.parse(header, target.endpoint), target);
            socket.setSoTimeout(0);
            return socket;
        } catch (ConsoleException e) {
            SideChannel.closeQuietly(socket);
            throw e;
        } catch (SideChannelException e) {
            SideChannel.closeQuietly(socket);
            throw translate(e, target);
        } catch (IOException e) {
            SideChannel.closeQuietly(socket);
            throw new ConsoleException(Reason.HOST_UNREACHABLE, "The connection to " + target.host
                    + " broke while opening the console: " + oneLine(e) + ".", List.of(target.host), e);
        }
    }

    /** The side channel's failure in the console's words and reasons. */
    private static ConsoleException translate(SideChannelException e, Target target) {
        return switch (e.kind()) {
            case UNREACHABLE -> unreachable(target, e.detail(), e);
            case TLS_FAILED -> new ConsoleException(Reason.TLS_FAILED, "The secure connection to " + target.host
                    + " for the console failed (is its certificate trusted?): " + e.detail() + ".",
                    List.of(target.host), e);
            case REPLY_TIMEOUT -> new ConsoleException(Reason.UNAVAILABLE, "The host " + target.host
                    + " did not answer the console request " + e.detail() + ".", List.of(target.host), e);
            case BROKEN -> new ConsoleException(Reason.HOST_UNREACHABLE, "The connection to " + target.host
                    + " broke while opening the console: " + e.detail() + ".", List.of(target.host), e);
            case MALFORMED -> new ConsoleException(Reason.MALFORMED_REPLY, "The host " + target.host + " "
                    + e.detail() + " when asked for the console.", List.of(target.host), e);
        };
    }

    /** The request line and headers; the session travels both in the query and as a cookie, as XenCenter sends it. */
    static String request(Target target, String sessionRef) {
        String ref = queryEncode(sessionRef);
        String query = target.rawQuery == null || target.rawQuery.isEmpty() ? "" : target.rawQuery + "&";
        return "CONNECT " + target.rawPath + "?" + query + "session_id=" + ref + " HTTP/1.0\r\n"
                + "Host: " + target.endpoint.hostHeader() + "\r\n"
                + "Cookie: session_id=" + ref + "\r\n"
                + "\r\n";
    }

    private static void checkStatus(HttpReply reply, Target target) throws ConsoleException {
        int status = reply.status();
        String phrase = reply.phrase();
        List<String> params = List.of(target.host, Integer.toString(status), phrase);
        switch (status) {
            case 200 -> {
                return;
            }
            case 401 -> throw new ConsoleException(Reason.SESSION_INVALID, "The host " + target.host
                    + " no longer accepts this session for the console (401); log in again.", params);
            case 403 -> throw new ConsoleException(Reason.FORBIDDEN, "The host " + target.host
                    + " refused to open the console for this user (403).", params);
            case 404 -> throw new ConsoleException(Reason.NOT_ON_THIS_HOST, "The console is not on the host "
                    + target.host + " (404): the VM may have stopped or moved to another host.", params);
            case 500 -> throw new ConsoleException(Reason.HTTP_ERROR, "The host " + target.host
                    + " could not open the console (500): the VM may have stopped, paused or moved to another host.",
                    params);
            case 503 -> throw new ConsoleException(Reason.UNAVAILABLE, "The host " + target.host
                    + " cannot serve the console right now (503); try again shortly.", params);
            default -> throw new ConsoleException(Reason.HTTP_ERROR, "The host " + target.host
                    + " answered the console request with HTTP " + status + (phrase.isEmpty() ? "" : " " + phrase)
                    + ".", params);
        }
    }

    /** Where to connect and what to ask for, from the location and the API connection. */
    static final class Target {
        final String host;
        final Endpoint endpoint;
        final String rawPath;
        final String rawQuery;

        private Target(Endpoint endpoint, String rawPath, String rawQuery) {
            this.host = endpoint.host();
            this.endpoint = endpoint;
            this.rawPath = rawPath;
            this.rawQuery = rawQuery;
        }

        static Target of(ConnectionSettings settings, String location) throws ConsoleException {
            URI loc;
            try {
                loc = new URI(location == null ? "" : location);
            } catch (URISyntaxException e) {
                throw badLocation(location);
            }
            if (loc.getHost() == null || loc.getHost().isEmpty()) {
                throw badLocation(location);
            }
            Endpoint endpoint = Endpoint.of(settings, loc.getHost());
            String path = loc.getRawPath() == null || loc.getRawPath().isEmpty() ? "/console" : loc.getRawPath();
            return new Target(endpoint, path, loc.getRawQuery());
        }

        private static ConsoleException badLocation(String location) {
            return new ConsoleException(Reason.BAD_LOCATION, "The console's location (" + printable(location)
                    + ") is not a URL with a host, so it cannot be opened.", List.of(printable(location)));
        }
    }

    /** Percent-encodes everything but unreserved characters and ':', so a ref can never break the header. */
    static String queryEncode(String s) {
        return SideChannel.queryEncode(s);
    }

    private static ConsoleException unreachable(Target target, String why, Throwable cause) {
        return new ConsoleException(Reason.HOST_UNREACHABLE, "Cannot reach the console's host " + target.host
                + " on port " + target.endpoint.port() + ": " + why + ".", List.of(target.host, Integer.toString(target.endpoint.port())),
                cause);
    }

    /** At most 100 printable ASCII characters of text a server chose. */
    static String printable(String s) {
        return SideChannel.printable(s);
    }

    private static String oneLine(Exception e) {
        return SideChannel.oneLine(e);
    }
}
