package org.xapicenter.settings;

/** The main password does not open the vault. */
public final class WrongMainPasswordException extends Exception {
    private static final long serialVersionUID = 1L;

    public WrongMainPasswordException() {
        super("The main password is not correct.");
    }
}
