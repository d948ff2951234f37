/**
 * XVA, the VM archive that XAPI's {@code /export} writes and {@code /import} reads
 * (docs/XAPI-PROTOCOL.md §6): a tar stream, optionally wrapped whole in gzip or zstd, whose first member
 * {@code ova.xml} describes the VM and whose {@code Ref:N/%08d} members carry its disks in 1 MiB blocks,
 * each followed by its checksum. Streaming reader, writer, verifier, and the pre-2008 legacy format
 * ({@link org.xapicenter.xva.legacy}). Plain Java: no JavaFX, no network.
 */
package org.xapicenter.xva;
