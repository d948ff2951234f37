package org.xapicenter.xapi.transfer;

/**
 * @param srRef where the disks go, or null for the pool's default SR
 * @param force import even if block checksums do not match (xapi's {@code force=true})
 * @param start start the new VM once imported
 */
public record ImportOptions(String srRef, boolean force, boolean start) {
    public static ImportOptions defaults() {
        return new ImportOptions(null, false, false);
    }
}
