package org.xapicenter.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xapicenter.xapi.Protocol;
import org.xapicenter.xapi.trust.Pin;

class SettingsStoreTest {
    @TempDir
    Path dir;

    private static SavedServer server(String address) {
        return new SavedServer(UUID.randomUUID().toString(), "Lab " + address, address, "root", Protocol.JSON_RPC,
                true, List.of("10.0.0.2", "10.0.0.3"), null);
    }

    @Test
    void whatIsSavedComesBackAfterARestart() throws Exception {
        SettingsStore store = SettingsStore.open(dir);
        SavedServer a = server("xcp1.lab:8443");
        Pin pin = new Pin("xcp1.lab:8443", "ab".repeat(32), "CN=xcp1", Instant.parse("2030-01-01T00:00:00Z"),
                Instant.parse("2026-11-22T10:00:00Z"));
        store.update(s -> s.withServers(List.of(a, server("https://10.1.1.1"))));
        store.pins().save(pin);

        SettingsStore again = SettingsStore.open(dir);
        assertThat(again.loadProblem()).isEmpty();
        assertThat(again.current().version()).isEqualTo(Settings.CURRENT_VERSION);
        assertThat(again.current().servers()).hasSize(2).first().isEqualTo(a);
        assertThat(again.pins().find("xcp1.lab:8443")).contains(pin);
        assertThat(again.current().servers().get(0).members()).containsExactly("10.0.0.2", "10.0.0.3");
        String text = Files.readString(again.file());
        assertThat(text).contains("\"version\" : 2").contains("\"pinnedAt\" : \"2026-11-22T10:00:00Z\"");
    }

    @Test
    void aNewPinForTheSameHostReplacesTheOld() throws Exception {
        SettingsStore store = SettingsStore.open(dir);
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        store.pins().save(new Pin("h:443", "aa".repeat(32), "CN=old", t, t));
        store.pins().save(new Pin("h:443", "bb".repeat(32), "CN=new", t, t));
        assertThat(SettingsStore.open(dir).current().pins()).singleElement()
                .extracting(Pin::subject).isEqualTo("CN=new");
    }

    @Test
    void aVersionOneFileIsMigratedAndTheOriginalKept() throws Exception {
        String v1 = """
                { "version": 1, "servers": [
                  { "url": "https://xcp-pool.example.com:8443", "user": "admin", "jsonRpc": false, "name": "Prod", "autoConnect": true },
                  { "url": "http://10.0.0.9", "user": "root" } ] }
                """;
        Files.writeString(dir.resolve(SettingsStore.FILE_NAME), v1);
        SettingsStore store = SettingsStore.open(dir);
        assertThat(store.loadProblem()).isEmpty();
        List<SavedServer> servers = store.current().servers();
        assertThat(servers).hasSize(2);
        SavedServer prod = servers.get(0);
        assertThat(prod.name()).isEqualTo("Prod");
        assertThat(prod.address()).isEqualTo("https://xcp-pool.example.com:8443");
        assertThat(prod.user()).isEqualTo("admin");
        assertThat(prod.protocol()).isEqualTo(Protocol.XML_RPC);
        assertThat(prod.connectAtStartup()).isTrue();
        assertThat(prod.id()).isNotBlank().isNotEqualTo(servers.get(1).id());
        assertThat(servers.get(1).protocol()).isEqualTo(Protocol.JSON_RPC);
        assertThat(servers.get(1).connectAtStartup()).isFalse();
        // written back in the current format, the old one kept beside it
        assertThat(Files.readString(store.file())).contains("\"version\" : 2");
        assertThat(Files.readString(dir.resolve("settings.json.v1"))).isEqualTo(v1);
        assertThat(SettingsStore.open(dir).current().servers()).isEqualTo(servers);
    }

    @Test
    void aCorruptFileIsKeptAsABackupAndReported() throws Exception {
        byte[] junk = "{ \"version\": 2, \"servers\": [ { \"address\": ".getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve(SettingsStore.FILE_NAME), junk);
        SettingsStore store = SettingsStore.open(dir);
        assertThat(store.current().servers()).isEmpty();
        assertThat(store.loadProblem()).hasValueSatisfying(p -> assertThat(p)
                .contains("could not be read").contains("not valid JSON").contains("settings.json.broken-"));
        Path backup;
        try (Stream<Path> files = Files.list(dir)) {
            backup = files.filter(f -> f.getFileName().toString().startsWith("settings.json.broken-")).findFirst().orElseThrow();
        }
        assertThat(Files.readAllBytes(backup)).isEqualTo(junk);
        // the next save does not touch the backup
        store.update(s -> s.withServers(List.of(server("a"))));
        assertThat(Files.readAllBytes(backup)).isEqualTo(junk);
        assertThat(SettingsStore.open(dir).loadProblem()).isEmpty();
    }

    @Test
    void wellFormedJsonThatIsNotOurFormatIsTreatedAsDamaged() throws Exception {
        for (String content : List.of("[1,2,3]", "{\"servers\": []}", "{\"version\": 2, \"servers\": [{\"user\": \"root\"}]}",
                "{\"version\": \"two\"}")) {
            Path d = Files.createTempDirectory(dir, "case");
            Files.writeString(d.resolve(SettingsStore.FILE_NAME), content);
            SettingsStore store = SettingsStore.open(d);
            assertThat(store.loadProblem()).as(content).isPresent();
            assertThat(store.current().servers()).isEmpty();
            try (Stream<Path> files = Files.list(d)) {
                assertThat(files.map(f -> f.getFileName().toString())).as(content)
                        .anyMatch(n -> n.startsWith("settings.json.broken-"));
            }
        }
    }

    @Test
    void aFileFromANewerVersionIsCopiedAsideBeforeAnythingIsWritten() throws Exception {
        String newer = """
                { "version": 7, "servers": [ { "id": "x", "name": "", "address": "h", "user": "root",
                  "protocol": "JSON_RPC", "connectAtStartup": false, "members": [], "password": null, "colour": "red" } ],
                  "pins": [], "vault": null, "somethingNew": {} }
                """;
        Files.writeString(dir.resolve(SettingsStore.FILE_NAME), newer);
        SettingsStore store = SettingsStore.open(dir);
        assertThat(store.loadProblem()).hasValueSatisfying(p -> assertThat(p).contains("newer XapiCenter"));
        assertThat(store.current().servers()).extracting(SavedServer::address).containsExactly("h");
        store.update(s -> s.withServers(List.of()));
        try (Stream<Path> files = Files.list(dir)) {
            Path copy = files.filter(f -> f.getFileName().toString().startsWith("settings.json.newer-")).findFirst().orElseThrow();
            assertThat(Files.readString(copy)).isEqualTo(newer);
        }
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndTheOldSettings() throws Exception {
        SettingsStore store = SettingsStore.open(dir);
        store.update(s -> s.withServers(List.of(server("first"))));
        byte[] before = Files.readAllBytes(store.file());
        assertThatThrownBy(() -> store.update(s -> {
            throw new IllegalStateException("boom while changing");
        })).isInstanceOf(IllegalStateException.class);
        // a folder where the file should be makes the rename fail
        Path blocked = Files.createTempDirectory(dir, "blocked");
        SettingsStore other = SettingsStore.open(blocked);
        Files.createDirectory(other.file());
        Files.writeString(other.file().resolve("keep"), "x");
        assertThatThrownBy(() -> other.update(s -> s.withServers(List.of(server("x"))))).isInstanceOf(IOException.class);
        assertThat(other.current().servers()).isEmpty();
        try (Stream<Path> files = Files.list(blocked)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
        assertThat(Files.readAllBytes(store.file())).isEqualTo(before);
        assertThat(store.current().servers()).extracting(SavedServer::address).containsExactly("first");
    }

    @Test
    void concurrentUpdatesAreNotLost() throws Exception {
        SettingsStore store = SettingsStore.open(dir);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> all = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String address = "host" + i;
            all.add(pool.submit(() -> {
                store.update(s -> {
                    List<SavedServer> servers = new ArrayList<>(s.servers());
                    servers.add(server(address));
                    return s.withServers(servers);
                });
                return null;
            }));
        }
        for (Future<?> f : all) {
            f.get();
        }
        pool.shutdown();
        assertThat(SettingsStore.open(dir).current().servers()).hasSize(40);
    }

    @Test
    void theFileAndFolderAreTheOwnersOnly() throws Exception {
        Path folder = dir.resolve("fresh").resolve("xapicenter");
        SettingsStore store = SettingsStore.open(folder);
        store.update(s -> s.withServers(List.of(server("a"))));
        if (Files.getFileStore(folder).supportsFileAttributeView("posix")) {
            assertThat(Files.getPosixFilePermissions(folder)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                    PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
            assertThat(Files.getPosixFilePermissions(store.file())).isEqualTo(
                    Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        }
    }

    @Test
    void noPlaintextPasswordAnywhereInTheFolderAfterSavingOne() throws Exception {
        String password = "Sup3r-Secret-Pässword!";
        String main = "main-password-42";
        SettingsStore store = SettingsStore.open(dir);
        try (PasswordVault vault = PasswordVault.create(main.toCharArray())) {
            SealedSecret sealed = vault.seal(password.toCharArray());
            store.update(s -> s.withVault(vault.header()).withServers(List.of(server("pool.lab").withPassword(sealed))));
        }
        // opened again with the main password, the password comes back
        SettingsStore again = SettingsStore.open(dir);
        try (PasswordVault vault = PasswordVault.unlock(again.current().vault(), main.toCharArray())) {
            assertThat(new String(vault.open(again.current().servers().get(0).password()))).isEqualTo(password);
        }
        List<byte[]> needles = new ArrayList<>();
        for (String secret : List.of(password, main)) {
            needles.add(secret.getBytes(StandardCharsets.UTF_8));
            needles.add(secret.getBytes(StandardCharsets.UTF_16LE));
            needles.add(secret.getBytes(StandardCharsets.UTF_16BE));
            needles.add(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII));
            needles.add(secret.substring(0, 8).getBytes(StandardCharsets.UTF_8));
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] content = Files.readAllBytes(f);
                for (byte[] needle : needles) {
                    assertThat(indexOf(content, needle)).as(f + " holds a password").isEqualTo(-1);
                }
            }
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
