/**
 * The XVA screens: the Export and Import wizards, whose transfers run as Events panel entries with
 * progress and Cancel, and the offline XVA inspector. File reading and transfers run off the FX thread.
 */
package org.xapicenter.ui.xva;
