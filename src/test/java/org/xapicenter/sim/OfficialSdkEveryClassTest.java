package org.xapicenter.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.xensource.xenapi.Connection;
import com.xensource.xenapi.Session;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every class the official SDK knows, read with its own {@code getAllRecords} and typed converters:
 * a field we send with the wrong type, or an enum value it does not know, fails here.
 */
class OfficialSdkEveryClassTest {
    private static Simulator sim;

    @BeforeAll
    static void start() {
        sim = OfficialSdk.startSimulator(Duration.ofMillis(40));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void everyGetAllRecordsOfTheSdkParsesWithoutError() throws Exception {
        List<Method> readers = sdkGetAllRecords();
        assertThat(readers).as("SDK classes with getAllRecords").hasSizeGreaterThan(40);
        Connection c = OfficialSdk.login(sim, "every-class-test");
        List<String> failures = new ArrayList<>();
        int nonEmpty = 0;
        try {
            for (Method m : readers) {
                try {
                    Map<?, ?> all = (Map<?, ?>) m.invoke(null, c);
                    if (!all.isEmpty()) {
                        nonEmpty++;
                    }
                } catch (InvocationTargetException e) {
                    failures.add(m.getDeclaringClass().getSimpleName() + ": " + e.getCause());
                }
            }
        } finally {
            Session.logout(c);
        }
        assertThat(failures).as("classes the SDK could not read").isEmpty();
        assertThat(nonEmpty).as("classes with objects in the demo pool").isGreaterThanOrEqualTo(15);
    }

    /** The static getAllRecords(Connection) of every class in the SDK's jar. */
    private static List<Method> sdkGetAllRecords() throws Exception {
        Path jar = Path.of(Connection.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Method> out = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (!name.startsWith("com/xensource/xenapi/") || !name.endsWith(".class") || name.contains("$")) {
                    continue;
                }
                Class<?> cls = Class.forName(name.replace('/', '.').substring(0, name.length() - 6));
                try {
                    Method m = cls.getMethod("getAllRecords", Connection.class);
                    if (Modifier.isStatic(m.getModifiers())) {
                        out.add(m);
                    }
                } catch (NoSuchMethodException e) {
                    // not an API class (Types, Connection, ...)
                }
            }
        }
        return out;
    }
}
