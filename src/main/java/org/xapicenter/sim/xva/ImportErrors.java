package org.xapicenter.sim.xva;

import org.xapicenter.sim.rpc.Errors;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xva.XvaException;

/**
 * What xapi's import.ml reports for each kind of damaged archive: a premature end is
 * IMPORT_ERROR_PREMATURE_EOF, a first member other than ova.xml IMPORT_ERROR_UNEXPECTED_FILE [expected,
 * actual]; everything else (a block whose checksum does not match included, which stream_vdi raises as
 * its own Invalid_checksum exception) reaches the client as IMPORT_ERROR_GENERIC [what happened].
 */
final class ImportErrors {
    private ImportErrors() {
    }

    static XapiException of(XvaException e) {
        return switch (e.problem()) {
            case TRUNCATED -> Errors.of("IMPORT_ERROR_PREMATURE_EOF");
            case UNEXPECTED_FIRST_MEMBER -> Errors.of("IMPORT_ERROR_UNEXPECTED_FILE", "ova.xml", e.where());
            case BAD_CHECKSUM -> Errors.of("IMPORT_ERROR_GENERIC",
                    "Invalid_checksum: Block " + e.where() + " checksum failed: " + e.getMessage());
            default -> Errors.of("IMPORT_ERROR_GENERIC", e.where() + ": " + e.getMessage());
        };
    }
}
