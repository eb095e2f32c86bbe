package dev.openai4k.facade;

import dev.openai4k.CursorPage;
import dev.openai4k.NotFoundException;
import dev.openai4k.RequestOptions;
import dev.openai4k.files.FileDeleted;
import dev.openai4k.files.FileListRequest;
import dev.openai4k.files.FileObject;
import dev.openai4k.files.FilePurpose;
import dev.openai4k.files.FileUploadRequest;
import dev.openai4k.http.FileSource;
import dev.openai4k.testkit.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FilesFacadeTest extends FacadeTestBase {

    private FileObject upload(String name, String content) throws Exception {
        return await(openai.files().upload(FileSource.of(content.getBytes(StandardCharsets.UTF_8), name), FilePurpose.ASSISTANTS));
    }

    @Test
    void uploadSendsTheFileAndPurposeAsMultipartAndReportsProgress() throws Exception {
        byte[] bytes = "{\"prompt\":\"hi\"}\n".getBytes(StandardCharsets.UTF_8);
        List<long[]> progress = new CopyOnWriteArrayList<>();
        FileObject file = await(openai.files().upload(
            FileUploadRequest.builder(FileSource.of(bytes, "data.jsonl"), "batch").build(),
            RequestOptions.NONE,
            (sent, total) -> progress.add(new long[]{sent, total})));

        assertTrue(file.getId().startsWith("file-"));
        assertEquals("data.jsonl", file.getFilename());
        assertEquals((long) bytes.length, file.getBytes());
        RecordedRequest request = server.requests("POST files").get(0);
        assertEquals("data.jsonl", request.part("file").getFilename());
        assertArrayEquals(bytes, request.part("file").getBytes());
        assertEquals("batch", request.part("purpose").getText());
        assertTrue(!progress.isEmpty(), "no progress was reported");
        long[] last = progress.get(progress.size() - 1);
        assertEquals(last[1], last[0], "the upload did not report completion");
    }

    @Test
    void listAllFetchesPagesOnlyAsTheSubscriberAsks() throws Exception {
        for (int i = 0; i < 3; i++) upload("f" + i + ".txt", "content " + i);
        FileListRequest onePerPage = FileListRequest.builder().limit(1).order("asc").build();

        CursorPage<FileObject> page = await(openai.files().list(onePerPage));
        assertEquals(1, page.getData().size());
        assertTrue(page.getHasMore());
        server.clearRequests();

        StepSubscriber<FileObject> subscriber = new StepSubscriber<>();
        openai.files().listAll(onePerPage).subscribe(subscriber);
        assertTrue(subscriber.subscribed.await(10, TimeUnit.SECONDS));
        subscriber.request(1);
        assertEquals("f0.txt", subscriber.next().getFilename());
        assertNull(subscriber.arrivals.poll(100, TimeUnit.MILLISECONDS));
        // One element (here one page) may be read ahead of demand, never more: the third page must wait.
        assertTrue(server.requests("GET files").size() <= 2, "pages were fetched ahead of demand");

        subscriber.request(10);
        assertTrue(subscriber.terminal.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("f0.txt", "f1.txt", "f2.txt"),
            subscriber.items.stream().map(FileObject::getFilename).collect(Collectors.toList()));
        assertEquals(0, subscriber.overDeliveries.get());
        List<String> cursors = new ArrayList<>();
        for (RecordedRequest r : server.requests("GET files")) cursors.add(r.queryParameter("after"));
        assertNull(cursors.get(0));
        assertEquals(3, cursors.size());
    }

    @Test
    void contentRetrieveAndDelete(@TempDir Path dir) throws Exception {
        FileObject file = upload("notes.txt", "hello files");
        byte[] expected = "hello files".getBytes(StandardCharsets.UTF_8);

        assertArrayEquals(expected, await(openai.files().content(file.getId())));
        Path target = dir.resolve("copy.txt");
        assertEquals((long) expected.length, await(openai.files().content(file.getId(), target)));
        assertArrayEquals(expected, Files.readAllBytes(target));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals((long) expected.length, await(openai.files().content(file.getId(), out)));
        assertArrayEquals(expected, out.toByteArray());

        assertEquals("notes.txt", await(openai.files().retrieve(file.getId())).getFilename());
        FileDeleted deleted = await(openai.files().delete(file.getId()));
        assertTrue(deleted.getDeleted());
        ExecutionException gone = assertThrows(ExecutionException.class,
            () -> openai.files().retrieve(file.getId()).get(10, TimeUnit.SECONDS));
        assertInstanceOf(NotFoundException.class, gone.getCause());
    }

    @Test
    void uploadingAMissingPathFailsTheFuture(@TempDir Path dir) {
        ExecutionException failure = assertThrows(ExecutionException.class,
            () -> openai.files().upload(dir.resolve("absent.txt"), FilePurpose.ASSISTANTS).get(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalArgumentException.class, failure.getCause());
        assertTrue(server.requests("files").isEmpty());
    }
}
