package org.xapicenter.sim.rpc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;

/**
 * VIF MAC addresses as xapi makes them when the client leaves MAC empty: derived from the VM's
 * {@code other_config["mac_seed"]} (its uuid when it has none, which the pool's seed decides) and the
 * device number, so the same VM and device always get the same address. Locally administered unicast.
 */
final class MacAddresses {
    private static final Pattern MAC = Pattern.compile("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}");

    private MacAddresses() {
    }

    static String generate(String macSeed, String device) {
        byte[] d;
        try {
            d = MessageDigest.getInstance("SHA-256").digest((macSeed + "/" + device).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            int octet = d[i] & 0xff;
            if (i == 0) {
                octet = (octet & 0xfc) | 0x02;
            }
            b.append(i == 0 ? "" : ":").append(String.format("%02x", octet));
        }
        return b.toString();
    }

    static boolean valid(String mac) {
        return MAC.matcher(mac).matches();
    }
}
