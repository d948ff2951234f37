/**
 * The pre-2008 XVA: a directory with an {@code <appliance version="0.1">} ova.xml and, per disk, a folder
 * of gzip chunks of exactly 10^9 raw bytes. Current hosts cannot import it; {@link
 * org.xapicenter.xva.legacy.LegacyConverter} rewrites it in the modern format.
 */
package org.xapicenter.xva.legacy;
