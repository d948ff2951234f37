package org.xapicenter.xapi.transfer;

/** Told how a transfer goes, from the transfer's own thread, at most a few times a second. */
@FunctionalInterface
public interface TransferListener {
    TransferListener NONE = p -> {
    };

    void progress(TransferProgress progress);
}
