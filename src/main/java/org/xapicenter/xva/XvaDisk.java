package org.xapicenter.xva;

/**
 * A disk the archive carries: the VDI's archive id ({@code Ref:N}, also the folder name of its blocks),
 * its name, its virtual size in bytes, and the device it is plugged as ({@code userdevice} of its VBD,
 * "" when unknown).
 */
public record XvaDisk(String id, String name, long virtualSize, String userdevice) {
}
