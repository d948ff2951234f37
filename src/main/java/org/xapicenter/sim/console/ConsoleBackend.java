package org.xapicenter.sim.console;

import io.netty.channel.Channel;

/**
 * Where {@code CONNECT /console} leads once the host has accepted it: the built-in text console
 * ({@link BuiltInConsoles}) or an external VNC server ({@link VncProxy}).
 */
public interface ConsoleBackend extends AutoCloseable {
    /**
     * Adds this backend's handler at the end of {@code viewer}'s pipeline, before the HTTP handlers
     * leave it (bytes the viewer sent early must land somewhere). Returns what starts the flow; the
     * caller runs it on the channel's event loop right after writing the 200 reply, so the reply goes out
     * first. Throws {@link IllegalStateException} when the console cannot be opened.
     */
    Runnable attach(Channel viewer, String vm);

    @Override
    void close();
}
