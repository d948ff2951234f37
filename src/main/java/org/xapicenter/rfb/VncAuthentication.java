package org.xapicenter.rfb;

import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * VNC authentication (RFC 6143 §7.2.2): the 16-byte challenge encrypted with DES, the key being the
 * first eight password characters. VNC's DES takes each key byte with its bits in reverse order (a
 * quirk of the original implementation that every server keeps), so we mirror the bytes before
 * handing them to the JDK's standard DES.
 */
public final class VncAuthentication {
    public static final int CHALLENGE_LENGTH = 16;

    private VncAuthentication() {
    }

    /** The response to {@code challenge} for {@code password} (only its first 8 characters count). */
    public static byte[] response(char[] password, byte[] challenge) throws RfbException {
        if (challenge.length != CHALLENGE_LENGTH) {
            throw new IllegalArgumentException("challenge must be 16 bytes");
        }
        byte[] key = new byte[8];
        for (int i = 0; i < Math.min(8, password.length); i++) {
            char c = password[i];
            key[i] = (byte) (c <= 0xFF ? c : '?');
        }
        try {
            return encrypt(key, challenge);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** DES/ECB of {@code data} (a multiple of 8 bytes) under an 8-byte key given in VNC's bit order. */
    public static byte[] encrypt(byte[] vncKey, byte[] data) throws RfbException {
        byte[] desKey = new byte[8];
        for (int i = 0; i < 8; i++) {
            desKey[i] = (byte) (Integer.reverse(vncKey[i] & 0xFF) >>> 24);
        }
        try {
            Cipher des = Cipher.getInstance("DES/ECB/NoPadding");
            des.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(desKey, "DES"));
            return des.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new RfbException("this Java runtime cannot compute VNC authentication (DES unavailable)", e);
        } finally {
            Arrays.fill(desKey, (byte) 0);
        }
    }
}
