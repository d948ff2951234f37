package org.xapicenter.xapi;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** XapiCenter's own version, as named in the login originator ({@code XapiCenter/<version>}). */
public final class XapiCenterVersion {
    private static final String VERSION = find();

    private XapiCenterVersion() {
    }

    public static String get() {
        return VERSION;
    }

    /** The originator string sent at login, naming the client and its version. */
    public static String originator() {
        return "XapiCenter/" + VERSION;
    }

    private static String find() {
        String fromManifest = XapiCenterVersion.class.getPackage().getImplementationVersion();
        if (fromManifest != null && !fromManifest.isBlank()) {
            return fromManifest;
        }
        try (InputStream in = XapiCenterVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "").trim();
                if (!v.isEmpty()) {
                    return v;
                }
            }
        } catch (IOException e) {
            // fall through to the placeholder: a missing version must not stop a login
        }
        return "dev";
    }
}
