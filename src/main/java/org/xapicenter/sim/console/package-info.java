/**
 * The simulator's consoles: what {@code CONNECT /console} leads to. {@link org.xapicenter.sim.console.BuiltInConsoles}
 * serves a VNC (RFB) server per viewer connection, no listening port, onto a
 * {@link org.xapicenter.sim.console.VmConsole} per running domain: a text screen rendered from AWT
 * glyphs, a deterministic boot log, a login and a small shell, shared by every viewer of the VM and
 * made only when first opened. {@link org.xapicenter.sim.console.VncProxy} instead relays every
 * console to an external VNC server (a real Xvnc or QEMU). Uses {@code org.xapicenter.rfb.Keys} for
 * the US key layout; no JavaFX here.
 */
package org.xapicenter.sim.console;
