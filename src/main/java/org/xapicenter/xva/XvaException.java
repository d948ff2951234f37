package org.xapicenter.xva;

import java.io.IOException;

/**
 * A malformed XVA: what is wrong ({@link Problem}), where ({@code where}: a member name such as
 * {@code Ref:12/00000003.xxhash}, {@code ova.xml}, or a byte offset), and one sentence for a person.
 */
public final class XvaException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The kinds of damage an XVA can have; callers map them to XAPI's IMPORT_ERROR_* codes. */
    public enum Problem {
        /** Neither a tar, nor gzip or zstd around one. */
        NOT_AN_XVA,
        /** The first tar member is not {@code ova.xml} (XAPI: IMPORT_ERROR_UNEXPECTED_FILE). */
        UNEXPECTED_FIRST_MEMBER,
        /** The stream ends inside a member or before every disk is complete (XAPI: IMPORT_ERROR_PREMATURE_EOF). */
        TRUNCATED,
        /** ova.xml is not an XML-RPC struct of the expected shape, or names things that are not there. */
        BAD_METADATA,
        /** A size beyond the reader's bounds: ova.xml, a block, a checksum member, a disk. */
        TOO_LARGE,
        /** A block's content does not match its checksum. */
        BAD_CHECKSUM,
        /** A data block is not followed by its checksum member. */
        MISSING_CHECKSUM,
        /** A block number not after the previous one of its disk, or a disk after a later one. */
        BLOCK_OUT_OF_ORDER,
        /** A member whose name is neither ova.xml, a block nor a checksum, or names an unknown disk. */
        UNEXPECTED_MEMBER,
        /** Blocks that run past the disk's declared size, or sizes that do not add up. */
        SIZE_MISMATCH,
        /** A legacy (pre-2008) XVA directory that is incomplete or inconsistent. */
        BAD_LEGACY
    }

    private final Problem problem;
    private final String where;

    public XvaException(Problem problem, String where, String message) {
        super(message);
        this.problem = problem;
        this.where = where;
    }

    public XvaException(Problem problem, String where, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
        this.where = where;
    }

    public Problem problem() {
        return problem;
    }

    /** The member or offset the problem was found at, e.g. {@code Ref:12/00000003.xxhash}. */
    public String where() {
        return where;
    }
}
