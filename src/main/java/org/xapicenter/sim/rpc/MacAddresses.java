package org.xapicenter.sim.rpc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

import org.xapicenter.sim.store.ObjectStore;

/**
 * VIF MAC addresses, locally administered unicast as xapi makes them, and always reproducible from the
 * pool's seed: a fresh one for each NIC of a clone or copy (drawn from the store's seeded source), and,
 * when VIF.create leaves MAC empty, one derived from the VM's {@code other_config["mac_seed"]} (its uuid
 * when it has none) and the device number, so the same VM and device always get the same address.
 */
public final class MacAddresses {
    private static final Pattern MAC = Pattern.compile("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}");

    private MacAddresses() {
    }

    /** A new address for a copied NIC. */
    public static String fresh(ObjectStore store) {
        return fromBytes(HexFormat.of().parseHex(store.newUuid().replace("-", "")));
    }

    /** The address of NIC {@code device} of the VM whose mac_seed (or uuid) is {@code macSeed}. */
    static String derived(String macSeed, String device) {
        try {
            return fromBytes(MessageDigest.getInstance("SHA-256")
                    .digest((macSeed + "/" + device).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static boolean valid(String mac) {
        return MAC.matcher(mac).matches();
    }

    /** The first six bytes, with the multicast bit cleared and the locally administered bit set. */
    private static String fromBytes(byte[] b) {
        StringBuilder mac = new StringBuilder(String.format("%02x", (b[0] & 0xfc) | 0x02));
        for (int i = 1; i < 6; i++) {
            mac.append(':').append(String.format("%02x", b[i] & 0xff));
        }
        return mac.toString();
    }
}
