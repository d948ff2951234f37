package org.xapicenter.settings;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts saved passwords with AES-256-GCM under a key derived from the main password with
 * PBKDF2-HMAC-SHA256 (random salt, a work factor tuned at creation to this machine, never below a
 * floor). The key lives only in this object until {@link #close()}; no password, main or saved,
 * appears in any log, exception or {@code toString}.
 */
public final class PasswordVault implements AutoCloseable {
    public static final String KDF = "PBKDF2WithHmacSHA256";
    /**
     * The least work factor we accept: OWASP's Password Storage Cheat Sheet (2023) asks 600,000
     * iterations of PBKDF2-HMAC-SHA256 for stored password hashes; for a key that never leaves the
     * machine we take its earlier figure, 310,000, as the floor and tune upwards to {@link #TARGET_MILLIS}.
     */
    public static final int MIN_ITERATIONS = 310_000;
    /** Larger work factors than this in a file are refused (a doctored file could freeze the start). */
    static final int MAX_ITERATIONS = 20_000_000;
    /** How long deriving the key should take on the machine that creates the vault. */
    static final long TARGET_MILLIS = 500;
    private static final int SALT_BYTES = 16;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] CHECK = "xapicenter vault check".getBytes(StandardCharsets.US_ASCII);
    /** Binds every ciphertext to this use, so a sealed value cannot pass for another kind of secret. */
    private static final byte[] AAD = "xapicenter-server-password/1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;
    private final VaultHeader header;
    private volatile boolean closed;

    private PasswordVault(byte[] key, String salt, int iterations) {
        this.key = key;
        SealedSecret check = sealBytes(CHECK);
        this.header = new VaultHeader(KDF, salt, iterations, check);
    }

    private PasswordVault(byte[] key, VaultHeader header) {
        this.key = key;
        this.header = header;
    }

    /** A new vault for {@code mainPassword}: its header (to save) and the open vault. Takes about half a second. */
    public static PasswordVault create(char[] mainPassword) {
        if (mainPassword.length == 0) {
            throw new IllegalArgumentException("the main password is empty");
        }
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        int iterations = tunedIterations();
        return new PasswordVault(derive(mainPassword, salt, iterations), Base64.getEncoder().encodeToString(salt),
                iterations);
    }

    /** Opens a saved vault; a wrong main password is told apart by the header's check value. */
    public static PasswordVault unlock(VaultHeader header, char[] mainPassword) throws WrongMainPasswordException {
        if (!KDF.equals(header.kdf()) || header.iterations() < 1 || header.iterations() > MAX_ITERATIONS) {
            throw new IllegalArgumentException("the saved vault uses an unknown key derivation");
        }
        byte[] salt = Base64.getDecoder().decode(header.salt());
        PasswordVault vault = new PasswordVault(derive(mainPassword, salt, header.iterations()), header);
        try {
            byte[] check = vault.openBytes(header.check());
            if (!Arrays.equals(check, CHECK)) {
                throw new WrongMainPasswordException();
            }
            return vault;
        } catch (AEADBadTagException e) {
            vault.close();
            throw new WrongMainPasswordException();
        } catch (WrongMainPasswordException e) {
            vault.close();
            throw e;
        }
    }

    /** What to save so that {@link #unlock} can open this vault again. */
    public VaultHeader header() {
        return header;
    }

    public SealedSecret seal(char[] password) {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] plain = new byte[bytes.remaining()];
        bytes.get(plain);
        wipe(bytes);
        try {
            return sealBytes(plain);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** The password; the caller clears the array when done. */
    public char[] open(SealedSecret sealed) {
        byte[] plain;
        try {
            plain = openBytes(sealed);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("a saved password does not belong to this vault or was altered");
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(plain));
            char[] out = new char[chars.remaining()];
            chars.get(out);
            Arrays.fill(chars.array(), '\0');
            return out;
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("a saved password is not text");
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** Forgets the key. */
    @Override
    public void close() {
        closed = true;
        Arrays.fill(key, (byte) 0);
    }

    @Override
    public String toString() {
        return "PasswordVault[" + (closed ? "closed" : "open") + "]";
    }

    private SealedSecret sealBytes(byte[] plain) {
        requireOpen();
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
            c.updateAAD(AAD);
            byte[] out = c.doFinal(plain);
            return new SealedSecret(Base64.getEncoder().encodeToString(iv), Base64.getEncoder().encodeToString(out));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this Java runtime", e);
        }
    }

    private byte[] openBytes(SealedSecret sealed) throws AEADBadTagException {
        requireOpen();
        try {
            byte[] iv = Base64.getDecoder().decode(sealed.iv());
            byte[] data = Base64.getDecoder().decode(sealed.ciphertext());
            if (iv.length != IV_BYTES) {
                throw new AEADBadTagException("bad IV length");
            }
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
            c.updateAAD(AAD);
            return c.doFinal(data);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new AEADBadTagException("not Base64");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this Java runtime", e);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the vault is closed");
        }
    }

    /** Iterations that take about {@link #TARGET_MILLIS} here, never fewer than {@link #MIN_ITERATIONS}. */
    static int tunedIterations() {
        int probe = 50_000;
        char[] sample = "calibration".toCharArray();
        byte[] salt = new byte[SALT_BYTES];
        // The fastest of a few rounds: the first ones run on a cold JIT and would make this machine look
        // several times slower than it is (and the work factor too low).
        long nanos = Long.MAX_VALUE;
        for (int round = 0; round < 4; round++) {
            long start = System.nanoTime();
            Arrays.fill(derive(sample, salt, probe), (byte) 0);
            nanos = Math.max(1, Math.min(nanos, System.nanoTime() - start));
        }
        long wanted = (long) probe * TARGET_MILLIS * 1_000_000L / nanos;
        return (int) Math.max(MIN_ITERATIONS, Math.min(wanted, MAX_ITERATIONS / 4));
    }

    static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
        try {
            return SecretKeyFactory.getInstance(KDF).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(KDF + " is not available in this Java runtime", e);
        } finally {
            spec.clearPassword();
        }
    }

    private static void wipe(ByteBuffer b) {
        if (b.hasArray()) {
            Arrays.fill(b.array(), (byte) 0);
        }
    }
}
