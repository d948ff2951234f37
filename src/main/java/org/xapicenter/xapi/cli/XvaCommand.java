package org.xapicenter.xapi.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xapicenter.xva.ChecksumKind;
import org.xapicenter.xva.Compression;
import org.xapicenter.xva.DiskSink;
import org.xapicenter.xva.DiskSummary;
import org.xapicenter.xva.XvaDisk;
import org.xapicenter.xva.XvaException;
import org.xapicenter.xva.XvaMetadata;
import org.xapicenter.xva.XvaObject;
import org.xapicenter.xva.XvaReader;
import org.xapicenter.xva.XvaSummary;
import org.xapicenter.xva.XvaVerifier;
import org.xapicenter.xva.legacy.LegacyConverter;
import org.xapicenter.xva.legacy.LegacyXva;

/**
 * The {@code xva} command: offline work on XVA files, no server needed.
 * <ul>
 *   <li>{@code xva verify FILE}: reads the whole archive, checks every block against its checksum, prints
 *       the VM, its disks (size, blocks, checksums) and the verdict;</li>
 *   <li>{@code xva inspect FILE}: prints the VM and its disks from ova.xml alone, without reading the disks;</li>
 *   <li>{@code xva convert LEGACY_DIR OUT.xva [--compress gzip|zstd]}: rewrites a pre-2008 XVA folder as a
 *       modern XVA that current hosts import.</li>
 * </ul>
 * {@code verify} and {@code inspect} also take a legacy folder. Exit codes: 0 success (for verify: every
 * checksum matched), 1 a damaged or invalid XVA (the problem, and where, on stderr), 2 usage error, 3 the
 * file could not be read or written. The progress bar goes to stderr, the report to stdout.
 */
public final class XvaCommand {
    public static final int OK = 0;
    public static final int BAD_XVA = 1;
    public static final int USAGE = 2;
    public static final int IO_ERROR = 3;

    static final String USAGE_TEXT = String.join(System.lineSeparator(),
            "usage: xva verify FILE",
            "       xva inspect FILE",
            "       xva convert LEGACY_DIR OUT.xva [--compress gzip|zstd]",
            "  verify   reads the whole XVA, checks every block's checksum, prints the VM and its disks;",
            "           exit 0 only if every checksum matches",
            "  inspect  prints the VM and its disks from the XVA's metadata, without reading the disks",
            "  convert  rewrites a legacy (pre-2008) XVA folder as a modern XVA file current hosts import",
            "  FILE may be a .xva, .xva.gz or .xva.zst file or a legacy XVA folder.");

    private XvaCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, Files::newInputStream);
    }

    /** Opens the XVA file to verify; the tests hand in files that fail part way, as a disk or a network can. */
    @FunctionalInterface
    interface Opener {
        InputStream open(Path file) throws IOException;
    }

    static int run(String[] args, PrintStream out, PrintStream err, Opener opener) {
        if (args.length == 0) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        List<String> rest = List.of(args).subList(1, args.length);
        String doing = args[0].equals("convert") && rest.size() >= 2 ? "convert " + rest.get(0) + " to " + rest.get(1)
                : rest.isEmpty() ? "read the file" : "read " + rest.get(0);
        try {
            return switch (args[0]) {
                case "verify" -> verify(single(rest, "verify"), opener, out, err);
                case "inspect" -> inspect(single(rest, "inspect"), out);
                case "convert" -> convert(rest, out, err);
                case "--help", "-h" -> {
                    out.println(USAGE_TEXT);
                    yield OK;
                }
                default -> throw new IllegalArgumentException("unknown subcommand " + args[0]);
            };
        } catch (IllegalArgumentException e) {
            err.println("xva: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        } catch (XvaException e) {
            err.println("xva " + args[0] + ": " + describe(e));
            return BAD_XVA;
        } catch (IOException e) {
            err.println("xva " + args[0] + ": " + IoSentence.of(e, doing));
            return IO_ERROR;
        }
    }

    /** The sentence and the place: {@code block 3 of disk Ref:2 ... (at Ref:2/00000003.xxhash)}. */
    static String describe(XvaException e) {
        String where = e.where();
        String message = e.getMessage() == null ? e.problem().name() : e.getMessage();
        return where == null || where.isEmpty() || message.contains(where) ? message : message + " (at " + where + ")";
    }

    private static Path single(List<String> args, String sub) {
        if (args.size() != 1 || args.get(0).startsWith("--")) {
            throw new IllegalArgumentException(sub + " takes exactly one FILE");
        }
        Path file = Path.of(args.get(0));
        // A legacy XVA is a folder; its ova.xml names it just as well.
        Path parent = file.toAbsolutePath().getParent();
        if (file.getFileName() != null && file.getFileName().toString().equals("ova.xml") && parent != null
                && Files.isRegularFile(file)) {
            return parent;
        }
        return file;
    }

    private static int verify(Path file, Opener opener, PrintStream out, PrintStream err) throws IOException {
        if (Files.isDirectory(file)) {
            return verifyLegacy(file, out, err);
        }
        long size = Files.size(file);
        String name = file.getFileName().toString();
        InputStream in = opener.open(file);
        ProgressBar bar = ProgressBar.on(err, "Verifying");
        XvaSummary summary;
        // Printed once the bar's line is finished: on a terminal the bar owns the current line until then.
        java.io.ByteArrayOutputStream header = new java.io.ByteArrayOutputStream();
        PrintStream headerOut = new PrintStream(header, true, StandardCharsets.UTF_8);
        try {
            summary = XvaVerifier.verify(new ProgressInputStream(new BufferedInputStream(in, 1 << 20), bar, size),
                    DiskSink.DISCARD, (metadata, compression) -> printVm(metadata, compression, headerOut));
        } finally {
            bar.finish();
            out.print(header.toString(StandardCharsets.UTF_8));
        }
        int checksums = 0;
        List<ChecksumKind> kinds = new ArrayList<>();
        out.println("Disks:");
        for (DiskSummary d : summary.disks()) {
            out.printf(Locale.ROOT, "  %-8s %-30s %s (%d bytes), %d block%s, %d %s checksum%s verified%n", d.id(),
                    quoted(d.name()), ProgressBar.bytes(d.virtualSize()), d.virtualSize(), d.blocks(),
                    d.blocks() == 1 ? "" : "s", d.checksumsVerified(), kindName(d.checksumKind()),
                    d.checksumsVerified() == 1 ? "" : "s");
            checksums += d.checksumsVerified();
            if (d.checksumKind() != null && !kinds.contains(d.checksumKind())) {
                kinds.add(d.checksumKind());
            }
        }
        String kind = kinds.isEmpty() ? "none" : String.join(", ", kinds.stream().map(XvaCommand::kindName).toList());
        out.println("Checksums: " + kind + ", all " + checksums + " match");
        out.println("OK: " + name + " is intact");
        return OK;
    }

    private static int verifyLegacy(Path dir, PrintStream out, PrintStream err) throws IOException {
        try (LegacyXva legacy = LegacyXva.open(dir)) {
            printVm(legacy.metadata(), null, out);
            ProgressBar bar = ProgressBar.on(err, "Verifying");
            byte[] buffer = new byte[1 << 20];
            long before = 0;
            try {
                for (XvaDisk disk : legacy.disks()) {
                    var source = legacy.source(disk);
                    for (long off = 0; off < disk.virtualSize(); off += buffer.length) {
                        int n = (int) Math.min(buffer.length, disk.virtualSize() - off);
                        source.read(off, buffer, n);
                        bar.update(before + off + n, legacy.totalBytes());
                    }
                    before += disk.virtualSize();
                }
            } finally {
                bar.finish();
            }
            out.println("Disks:");
            for (XvaDisk d : legacy.disks()) {
                out.printf(Locale.ROOT, "  %-8s %-30s %s (%d bytes), legacy gzip chunks%n", d.id(), quoted(d.name()),
                        ProgressBar.bytes(d.virtualSize()), d.virtualSize());
            }
            out.println("Checksums: gzip CRC-32 of every chunk, all match");
            out.println("OK: " + dir.getFileName() + " is an intact legacy XVA; convert it with: xva convert "
                    + dir + " OUT.xva");
            return OK;
        }
    }

    private static int inspect(Path file, PrintStream out) throws IOException {
        if (Files.isDirectory(file)) {
            try (LegacyXva legacy = LegacyXva.open(file)) {
                out.println("Format: legacy XVA folder (appliance version 0.1)");
                printVm(legacy.metadata(), null, out);
                printDisks(legacy.disks(), out);
            }
            return OK;
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             XvaReader reader = XvaReader.open(in)) {
            printVm(reader.metadata(), reader.compression(), out);
            printDisks(reader.metadata().disks(), out);
        }
        return OK;
    }

    private static int convert(List<String> args, PrintStream out, PrintStream err) throws IOException {
        List<String> files = new ArrayList<>();
        Compression compression = Compression.NONE;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--compress")) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("--compress needs gzip, zstd or none");
                }
                compression = switch (args.get(++i)) {
                    case "gzip" -> Compression.GZIP;
                    case "zstd" -> Compression.ZSTD;
                    case "none" -> Compression.NONE;
                    default -> throw new IllegalArgumentException("--compress takes gzip, zstd or none, not "
                            + args.get(i));
                };
            } else if (a.startsWith("--")) {
                throw new IllegalArgumentException("unknown option " + a);
            } else {
                files.add(a);
            }
        }
        if (files.size() != 2) {
            throw new IllegalArgumentException("convert takes LEGACY_DIR and OUT.xva");
        }
        Path dir = Path.of(files.get(0));
        Path target = Path.of(files.get(1));
        if (Files.exists(target)) {
            err.println("xva convert: " + target + " exists; remove it or choose another name");
            return IO_ERROR;
        }
        LegacyXva described;
        try (LegacyXva legacy = LegacyXva.open(dir)) {
            described = legacy;
            long total = legacy.totalBytes();
            ProgressBar bar = ProgressBar.on(err, "Converting");
            try {
                LegacyConverter.convert(legacy, target, compression, read -> bar.update(read, total));
            } finally {
                bar.finish();
            }
        }
        XvaObject vm = described.metadata().vm();
        out.println("Wrote " + target + ": VM " + quoted(vm.string("name_label")) + ", "
                + described.disks().size() + " disk" + (described.disks().size() == 1 ? "" : "s") + ", "
                + ProgressBar.bytes(Files.size(target)) + " (" + compressionName(compression) + ")");
        return OK;
    }

    private static void printVm(XvaMetadata metadata, Compression compression, PrintStream out) throws XvaException {
        XvaObject vm = metadata.vm();
        out.println("VM: " + vm.string("name_label"));
        String description = vm.string("name_description");
        if (!description.isEmpty()) {
            out.println("Description: " + description.replaceAll("[\\r\\n]+", " "));
        }
        String memory = vm.string("memory_static_max");
        if (memory.matches("\\d+")) {
            out.println("Memory: " + ProgressBar.bytes(Long.parseLong(memory)));
        }
        if (!vm.string("VCPUs_max").isEmpty()) {
            out.println("VCPUs: " + vm.string("VCPUs_max"));
        }
        if (compression != null) {
            out.println("Compression: " + compressionName(compression));
        }
        Object version = metadata.version().get("product_brand");
        if (version != null && compression != null) {
            Map<String, Object> v = metadata.version();
            out.println("Exported by: " + v.getOrDefault("product_brand", "") + " " + v.getOrDefault("product_version", "")
                    + (v.containsKey("hostname") ? " on " + v.get("hostname") : ""));
        }
    }

    private static void printDisks(List<XvaDisk> disks, PrintStream out) {
        out.println("Disks:");
        for (XvaDisk d : disks) {
            out.printf(Locale.ROOT, "  %-8s %-30s %s (%d bytes)%s%n", d.id(), quoted(d.name()),
                    ProgressBar.bytes(d.virtualSize()), d.virtualSize(),
                    d.userdevice().isEmpty() ? "" : ", device " + d.userdevice());
        }
    }

    private static String kindName(ChecksumKind kind) {
        if (kind == null) {
            return "no";
        }
        return kind == ChecksumKind.XXHASH ? "xxhash" : "sha1";
    }

    private static String compressionName(Compression c) {
        return c.name().toLowerCase(Locale.ROOT);
    }

    private static String quoted(String s) {
        return "\"" + s.replaceAll("[\\r\\n]+", " ") + "\"";
    }
}
