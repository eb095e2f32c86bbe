package dev.openai4k.files;

import dev.openai4k.common.ListOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.openai4k.http.FileSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The request builders as a Java caller uses them. */
class JavaBuildersTest {

    @Test
    void uploadAndListBuilders() {
        FileUploadRequest upload = FileUploadRequest.builder(FileSource.of(new byte[] {1, 2}, "a.jsonl"), FilePurpose.BATCH)
                .expiresAfter(Duration.ofDays(1))
                .build();
        FileListRequest list = FileListRequest.builder().purpose(FilePurpose.VISION).limit(50).order(ListOrder.ASC).build();

        assertEquals("batch", upload.getPurpose());
        assertEquals(86_400L, upload.getExpiresAfterSeconds());
        assertEquals(FileUploadRequest.ANCHOR_CREATED_AT, upload.getExpiresAfterAnchor());
        assertEquals("a.jsonl", upload.getFile().getFilename());
        assertEquals("vision", list.getPurpose());
        assertEquals(50, list.getLimit());
        assertEquals("asc", list.getOrder());
        assertNull(list.getAfter());
        assertNull(FileListRequest.ALL.getPurpose());
    }
}
