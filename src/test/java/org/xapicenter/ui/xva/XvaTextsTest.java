package org.xapicenter.ui.xva;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.transfer.TransferProgress;
import org.xapicenter.xapi.transfer.TransferProgress.Phase;
import org.xapicenter.xva.Compression;
import org.xapicenter.xva.XvaException;

/** The words the XVA screens show: file names, progress lines, error sentences. */
class XvaTextsTest {
    @Test
    void fileNamesFollowTheVmAndTheCompression() {
        assertThat(ExportWizard.fileName("web-01", Compression.NONE)).isEqualTo("web-01.xva");
        assertThat(ExportWizard.fileName("db: primary/2", Compression.ZSTD)).isEqualTo("db_ primary_2.xva.zst");
        assertThat(ExportWizard.fileName("  ", Compression.GZIP)).isEqualTo("vm.xva.gz");
        assertThat(ExportWizard.fileName(".hidden", Compression.NONE)).isEqualTo("vm.hidden.xva");
        assertThat(ExportWizard.withSuffix("/b/web.xva", Compression.GZIP)).isEqualTo("/b/web.xva.gz");
        assertThat(ExportWizard.withSuffix("/b/web.XVA.ZST", Compression.NONE)).isEqualTo("/b/web.xva");
        assertThat(ExportWizard.withSuffix("/b/web", Compression.ZSTD)).isEqualTo("/b/web.xva.zst");
    }

    @Test
    void progressLinesSayWhatMovesAndHowFar() {
        assertThat(TransferReporter.describe(new TransferProgress(Phase.TRANSFERRING, 3L << 20, 10L << 20, 0), true))
                .isEqualTo("Uploading 3 MiB of 10 MiB");
        assertThat(TransferReporter.describe(new TransferProgress(Phase.TRANSFERRING, 3L << 20, -1, 0.5), false))
                .isEqualTo("Downloading 3 MiB (50% on the server)");
        assertThat(TransferReporter.describe(new TransferProgress(Phase.VERIFYING, 1L << 30, 2L << 30, 1), false))
                .isEqualTo("Verifying checksums: 1 GiB of 2 GiB");
        assertThat(TransferReporter.describe(new TransferProgress(Phase.FINISHING, 0, 0, 0.9), true))
                .isEqualTo("The server is creating the VM…");
    }

    @Test
    void errorsAreOneSentenceNeverAStackTrace() {
        XvaException bad = new XvaException(XvaException.Problem.BAD_CHECKSUM, "Ref:3/00000002.xxhash",
                "The block does not match its checksum.");
        assertThat(XvaErrors.describe(new IOException("wrapped", bad)))
                .isEqualTo("The block does not match its checksum. (at Ref:3/00000002.xxhash)");
        assertThat(XvaErrors.describe(new XvaException(XvaException.Problem.NOT_AN_XVA, "offset 512",
                "not a valid tar header at byte 512"))).isEqualTo("not a valid tar header at byte 512");
        assertThat(XvaInspector.brief(bad)).isEqualTo("Bad checksum at Ref:3/00000002.xxhash");
        assertThat(XvaErrors.describe(new NoSuchFileException("/x/y.xva"))).isEqualTo("The file /x/y.xva does not exist.");
        assertThat(XvaErrors.describe(new XapiException("SR_FULL", List.of("100", "5"))))
                .startsWith("The storage repository is full: 100 bytes needed");
        assertThat(XvaErrors.describe(new XapiException("IMPORT_ERROR_PREMATURE_EOF", List.of())))
                .startsWith("The XVA file ended too early");
        assertThat(XvaErrors.describe(new XapiException("XAPICENTER_TRANSFER_INCOMPLETE", List.of("host-1"))))
                .isEqualTo("The server host-1 closed the connection before the transfer was complete.");
        assertThat(XvaTransfers.isCancel(new IOException(new XapiException("TASK_CANCELLED", List.of())))).isTrue();
    }
}
