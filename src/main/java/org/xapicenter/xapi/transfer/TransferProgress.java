package org.xapicenter.xapi.transfer;

/**
 * Where a transfer stands.
 *
 * @param phase what it is doing now
 * @param bytes bytes moved so far (file bytes: compressed ones when the file is compressed)
 * @param totalBytes bytes expected in all, or -1 when unknown (an export's size is known only at its end)
 * @param taskProgress the server task's progress, 0..1
 */
public record TransferProgress(Phase phase, long bytes, long totalBytes, double taskProgress) {
    public enum Phase {
        /** Creating the task and opening the connection. */
        STARTING,
        /** Bytes are moving. */
        TRANSFERRING,
        /** Every byte sent; the host finishes its side (an import creating the VM). */
        FINISHING,
        /** Reading the written file back to check every block's checksum. */
        VERIFYING,
        DONE
    }

    /** A fraction 0..1 for a progress bar, or -1 for an indeterminate one. */
    public double fraction() {
        if (phase == Phase.DONE) {
            return 1.0;
        }
        if (totalBytes > 0 && (phase == Phase.TRANSFERRING || phase == Phase.VERIFYING)) {
            return Math.min(1.0, (double) bytes / totalBytes);
        }
        return taskProgress > 0 ? taskProgress : -1;
    }
}
