package org.xapicenter.sim.rpc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.xapicenter.xapi.XapiException;

/**
 * What the storage manager (SM) driver of each SR type checks before it creates or attaches an SR, and
 * the {@code SR_BACKEND_FAILURE_<code> ["", text, ""]} errors it answers with (codes and texts as the
 * SM error table of xapi-project/sm has them).
 *
 * <p>The simulated network is deterministic (resources/sim/README.md): a host name ending in
 * {@code .invalid} (RFC 2606) does not resolve; an address in the RFC 5737 documentation networks
 * (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24) resolves but no storage service answers there;
 * every other server answers and exports every absolute path.
 */
final class SrBackends {
    static final long GIB = 1024L * 1024 * 1024;
    static final long MIB = 1024L * 1024;
    static final long MAX_VHD_SIZE = 2040 * GIB;

    /** Types SR.create accepts: the four network types of a pool plus the two local ones. */
    static final Set<String> TYPES = Set.of("nfs", "lvmoiscsi", "smb", "iso", "ext", "lvm");
    /** Types whose disks are fully allocated (LVM volumes); the others are sparse VHD files. */
    private static final Set<String> THICK = Set.of("lvmoiscsi", "lvm", "lvmohba");

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");
    private static final List<String> DOCUMENTATION_NETS = List.of("192.0.2.", "198.51.100.", "203.0.113.");

    /** ISO images a simulated share may hold (real file names, so lists look like a real library). */
    private static final List<String> ISO_CATALOGUE = List.of(
            "debian-12.8.0-amd64-netinst.iso", "ubuntu-24.04.1-live-server-amd64.iso",
            "ubuntu-22.04.5-desktop-amd64.iso", "Rocky-9.5-x86_64-minimal.iso", "AlmaLinux-9.5-x86_64-boot.iso",
            "CentOS-Stream-9-latest-x86_64-dvd1.iso", "openSUSE-Leap-15.6-NET-x86_64-Media.iso",
            "Fedora-Server-netinst-x86_64-41-1.4.iso", "FreeBSD-14.2-RELEASE-amd64-disc1.iso",
            "SERVER_EVAL_x64FRE_en-us.iso", "Win11_24H2_English_x64.iso", "guest-tools.iso",
            "alpine-virt-3.21.0-x86_64.iso", "archlinux-2024.12.01-x86_64.iso");

    private SrBackends() {
    }

    static XapiException failure(int code, String text) {
        return Errors.of("SR_BACKEND_FAILURE_" + code, "", text, "");
    }

    static boolean thick(String type) {
        return THICK.contains(type);
    }

    /** The checks the type's driver makes on {@code device_config} at create (and attach) time. */
    static void check(String type, Map<String, Object> dc) throws XapiException {
        switch (type) {
            case "nfs" -> {
                String server = require(dc, "server", 102, "The request is missing the server parameter");
                String path = require(dc, "serverpath", 101, "The request is missing the serverpath parameter");
                reach(server, 108, "Unable to detect an NFS service on this target.");
                if (!path.startsWith("/")) {
                    throw failure(73, "NFS mount error [opterr=mount failed: " + server + ":" + path + " is not exported]");
                }
            }
            case "lvmoiscsi" -> {
                String target = require(dc, "target", 95, "The request is missing the target parameter");
                String iqn = require(dc, "targetIQN", 96, "The request is missing or has an incorrect target IQN parameter");
                reach(target, 141, "Unable to connect to ISCSI service on target");
                if (!iqn.equals("*") && !iqn.toLowerCase(Locale.ROOT).startsWith("iqn.")) {
                    throw failure(106, "The IQN provided is an invalid format");
                }
                String scsiId = String.valueOf(dc.getOrDefault("SCSIid", ""));
                String lun = scsiIdOf(target, iqn);
                if (scsiId.isEmpty() || !scsiId.equals(lun)) {
                    // The driver lists the LUNs it found so that a wizard can offer them.
                    throw Errors.of("SR_BACKEND_FAILURE_107", "", "The SCSIid parameter is missing or incorrect",
                            "<?xml version=\"1.0\" ?><iscsi-target><LUN><vendor>SIMULATED</vendor><serial>"
                                    + lun.substring(lun.length() - 8) + "</serial><LUNid>0</LUNid><size>"
                                    + defaultSize("lvmoiscsi", dc) + "</size><SCSIid>" + lun
                                    + "</SCSIid></LUN></iscsi-target>");
                }
            }
            case "smb" -> {
                String server = require(dc, "server", 102, "The request is missing the server parameter");
                String host = uncHost(server);
                if (host == null) {
                    throw failure(111, "SMB mount error [opterr=bad share path " + server + "]");
                }
                reach(host, 111, "SMB mount error [opterr=mount error(113): Could not connect to " + host + "]");
                boolean user = !String.valueOf(dc.getOrDefault("username", "")).isEmpty();
                boolean password = !String.valueOf(dc.getOrDefault("password", "")).isEmpty()
                        || dc.containsKey("password_secret");
                if (user && !password) {
                    throw failure(111, "SMB mount error [opterr=mount error(13): Permission denied]");
                }
            }
            case "iso" -> {
                String location = require(dc, "location", 94, "The request is missing the location parameter");
                String host = uncHost(location);
                boolean nfs = host == null && location.contains(":/");
                if (nfs) {
                    host = location.substring(0, location.indexOf(":/"));
                }
                if (host == null) {
                    throw failure(225, "Incorrect Location string format. String must be in the format SERVER:PATH "
                            + "for NFS targets, or \\\\SERVER\\PATH for CIFS targets");
                }
                reach(host, nfs ? 108 : 222, nfs ? "Unable to detect an NFS service on this target."
                        : "Could not mount the directory specified in Device Configuration");
            }
            case "ext", "lvm" -> {
                String device = require(dc, "device", 90, "The request is missing the device parameter");
                if (!device.startsWith("/dev/")) {
                    throw failure(91, "The device is not a valid path");
                }
            }
            default -> throw Errors.of("SR_UNKNOWN_DRIVER", type);
        }
    }

    /** Exports every simulated NFS server lists (it also accepts any other absolute path). */
    static final List<String> NFS_EXPORTS = List.of("/export/vms", "/export/iso", "/export/backup");

    /**
     * What SR.probe learns before the configuration is complete, as the drivers report it: an NFS
     * server without {@code serverpath} answers 101 with its exports, an iSCSI target without
     * {@code targetIQN} answers 96 with its IQN, without {@code SCSIid} 107 with its LUN. A complete
     * configuration passes {@link #check} and returns normally.
     */
    static void probe(String type, Map<String, Object> dc) throws XapiException {
        if (type.equals("nfs") && has(dc, "server") && !has(dc, "serverpath")) {
            String server = String.valueOf(dc.get("server")).trim();
            reach(server, 108, "Unable to detect an NFS service on this target.");
            StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" ?><nfs-exports>");
            for (String path : NFS_EXPORTS) {
                xml.append("<Export><Target>").append(server).append("</Target><Path>").append(path)
                        .append("</Path><Accesslist>*</Accesslist></Export>");
            }
            throw Errors.of("SR_BACKEND_FAILURE_101", "", "The request is missing the serverpath parameter",
                    xml.append("</nfs-exports>").toString());
        }
        if (type.equals("lvmoiscsi") && has(dc, "target") && !has(dc, "targetIQN")) {
            String target = String.valueOf(dc.get("target")).trim();
            reach(target, 141, "Unable to connect to ISCSI service on target");
            throw Errors.of("SR_BACKEND_FAILURE_96", "", "The request is missing or has an incorrect target IQN parameter",
                    "<?xml version=\"1.0\" ?><iscsi-target-iqns><TGT><Index>0</Index><IPAddress>" + target
                            + "</IPAddress><TargetIQN>" + iqnOf(target) + "</TargetIQN></TGT></iscsi-target-iqns>");
        }
        check(type, dc);
    }

    /** The IQN a simulated iSCSI target presents. */
    static String iqnOf(String target) {
        return "iqn.2026-11.org.xapicenter.sim:" + target.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    private static boolean has(Map<String, Object> dc, String key) {
        return dc.get(key) != null && !String.valueOf(dc.get(key)).isBlank();
    }

    private static String require(Map<String, Object> dc, String key, int code, String text) throws XapiException {
        Object v = dc.get(key);
        if (v == null || String.valueOf(v).isBlank()) {
            throw failure(code, text);
        }
        return String.valueOf(v).trim();
    }

    /** Name resolution first (140 for every type), then whether anything answers there. */
    private static void reach(String server, int unreachableCode, String unreachableText) throws XapiException {
        String s = server.startsWith("[") && server.endsWith("]") ? server.substring(1, server.length() - 1) : server;
        boolean literal = IPV4.matcher(s).matches() || s.contains(":");
        if (!literal && (!HOST_NAME.matcher(s).matches() || s.toLowerCase(Locale.ROOT).endsWith(".invalid"))) {
            throw failure(140, "Incorrect DNS name, unable to resolve.");
        }
        for (String net : DOCUMENTATION_NETS) {
            if (s.startsWith(net)) {
                throw failure(unreachableCode, unreachableText);
            }
        }
    }

    /** {@code //host/share} or {@code \\host\share}: the host; null when not in that form. */
    private static String uncHost(String path) {
        String p = path.replace('\\', '/');
        if (!p.startsWith("//")) {
            return null;
        }
        int slash = p.indexOf('/', 2);
        return slash > 2 && slash < p.length() - 1 ? p.substring(2, slash) : null;
    }

    /** The SCSI id of the one LUN a simulated target exports: stable for a target and IQN. */
    static String scsiIdOf(String target, String iqn) {
        return "36" + hex(target + "|" + iqn).substring(0, 31);
    }

    /** How big the storage behind a new SR is, as its driver would report it. */
    static long defaultSize(String type, Map<String, Object> dc) {
        int spread = (int) (Long.parseLong(hex(type + new java.util.TreeMap<>(dc)).substring(0, 4), 16) % 8);
        return switch (type) {
            case "nfs" -> (2048L + 256L * spread) * GIB;
            case "lvmoiscsi" -> (1024L + 128L * spread) * GIB;
            case "smb" -> (1024L + 256L * spread) * GIB;
            case "iso" -> (250L + 50L * spread) * GIB;
            default -> (500L + 100L * spread) * GIB;
        };
    }

    /** The description xapi's drivers give a new SR when the caller gives none. */
    static String description(String type, Map<String, Object> dc) {
        return switch (type) {
            case "nfs" -> "NFS SR [" + dc.get("server") + ":" + dc.get("serverpath") + "]";
            case "lvmoiscsi" -> "iSCSI SR [" + dc.get("target") + " (" + dc.get("targetIQN") + "; LUN 0: "
                    + dc.get("SCSIid") + ")]";
            case "smb" -> "SMB SR [" + dc.get("server") + "]";
            case "iso" -> "ISO SR [" + dc.get("location") + "]";
            default -> "";
        };
    }

    /** An ISO image on a simulated share. */
    record IsoImage(String name, long size) {
    }

    /** What a share at {@code location} holds: the same images for the same location, every time. */
    static List<IsoImage> isoImages(String location) {
        String h = hex(location);
        List<IsoImage> out = new ArrayList<>();
        for (int i = 0; i < ISO_CATALOGUE.size(); i++) {
            // Each image is on the share with a chance of about one half, decided by the location's hash.
            if (Character.digit(h.charAt(i), 16) % 2 == 0 || out.isEmpty() && i == ISO_CATALOGUE.size() - 1) {
                String name = ISO_CATALOGUE.get(i);
                long mib = 200 + Long.parseLong(hex(name).substring(0, 3), 16) % 4800;
                out.add(new IsoImage(name, mib * MIB));
            }
        }
        return out;
    }

    private static String hex(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            StringBuilder b = new StringBuilder();
            for (byte x : d) {
                b.append(String.format("%02x", x));
            }
            return b.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
