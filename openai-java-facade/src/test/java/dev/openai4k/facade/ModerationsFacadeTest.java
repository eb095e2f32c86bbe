package dev.openai4k.facade;

import dev.openai4k.moderations.ModerationRequest;
import dev.openai4k.moderations.ModerationResponse;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModerationsFacadeTest extends FacadeTestBase {

    @Test
    void classifiesATextAndARequest() throws Exception {
        ModerationResponse flagged = await(openai.moderations().create("I will kill the process"));
        assertTrue(flagged.getFlagged());
        assertTrue(flagged.getResults().get(0).getCategories().getViolence());
        assertEquals("I will kill the process", str(onlyBody("moderations").get("input")));

        ModerationResponse clean = await(openai.moderations().create(
            ModerationRequest.builder().inputs(List.of("hello", "good morning")).model("omni-moderation-latest").build()));
        assertFalse(clean.getFlagged());
        assertEquals(2, clean.getResults().size());
        assertEquals("omni-moderation-latest", str(server.requests("moderations").get(1).getJsonObject().get("model")));
    }
}
