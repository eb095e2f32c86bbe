package dev.openai4k.facade;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sections are optional dependencies: a class path without one must still load the facade, serve the other
 * sections, and fail on the missing one with the artifact to add. The facade is loaded here through a class loader
 * that cannot see the hidden section's package, as if its jar were absent.
 */
class OptionalSectionTest extends FacadeTestBase {

    /** A class loader over the test class path that pretends the packages [hidden] do not exist. */
    private static URLClassLoader without(String... hidden) throws Exception {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : path.split(File.pathSeparator)) {
            if (!entry.isEmpty()) urls.add(new File(entry).toURI().toURL());
        }
        return new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                for (String prefix : hidden) {
                    if (name.startsWith(prefix)) throw new ClassNotFoundException(name);
                }
                return super.loadClass(name, resolve);
            }
        };
    }

    private Object facadeIn(ClassLoader loader) throws Exception {
        Class<?> facade = loader.loadClass(OpenAIAsync.class.getName());
        assertFalse(facade == OpenAIAsync.class, "the facade must come from the isolated loader");
        Object builder = facade.getMethod("builder").invoke(null);
        builder.getClass().getMethod("baseUrl", String.class).invoke(builder, server.getBaseUrl());
        return builder.getClass().getMethod("build").invoke(builder);
    }

    @Test
    void aMissingSectionNamesTheArtifactWhileOthersWork() throws Exception {
        try (URLClassLoader loader = without("dev.openai4k.chat.", "dev.openai4k.assistants.")) {
            assertThrows(ClassNotFoundException.class, () -> loader.loadClass("dev.openai4k.chat.Chat"));
            Object openai = facadeIn(loader);
            try {
                InvocationTargetException chat = assertThrows(InvocationTargetException.class,
                    () -> openai.getClass().getMethod("chat").invoke(openai));
                IllegalStateException missing = assertInstanceOf(IllegalStateException.class, chat.getCause());
                assertTrue(missing.getMessage().startsWith("openai.chat() needs dev.openai4k:openai-chat on the classpath"),
                    missing.getMessage());

                InvocationTargetException assistants = assertThrows(InvocationTargetException.class,
                    () -> openai.getClass().getMethod("assistants").invoke(openai));
                assertTrue(assistants.getCause().getMessage().contains("dev.openai4k:openai-assistants"));

                Object models = openai.getClass().getMethod("models").invoke(openai);
                CompletableFuture<?> listed = (CompletableFuture<?>) models.getClass().getMethod("list").invoke(models);
                assertFalse(((List<?>) listed.get(10, TimeUnit.SECONDS)).isEmpty());
                assertEquals(1, server.requests("GET models").size());
            } finally {
                ((AutoCloseable) openai).close();
            }
        }
    }

    @Test
    void everySectionIsAvailableWhenItsModuleIsPresent() {
        // The same accessors, on the normal class path, all resolve.
        assertTrue(openai.chat() != null && openai.vision() != null && openai.embeddings() != null && openai.models() != null
            && openai.completions() != null && openai.moderations() != null && openai.images() != null
            && openai.audio() != null && openai.responses() != null && openai.files() != null
            && openai.assistants() != null);
    }
}
