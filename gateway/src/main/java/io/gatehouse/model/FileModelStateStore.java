package io.gatehouse.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Keeps the model state in a JSON file, written atomically: the new content goes to a temporary file beside it,
 * which is flushed to disk and renamed over the old one, and the directory is flushed so the rename survives a
 * crash. A reader sees the old file or the new one, never a mix.
 */
public final class FileModelStateStore implements ModelStateStore {

    static final int FORMAT = 1;
    private static final ObjectMapper JSON = JsonText.JSON.copy().registerModule(ShadowStateJson.module());

    /** The file's content. */
    record StateFile(int format, Map<String, ModelOverride> models) {
    }

    private final Path file;

    public FileModelStateStore(Path file) {
        this.file = file.toAbsolutePath();
    }

    public Path file() {
        return file;
    }

    /** The temporary file a save writes first. */
    Path temporary() {
        return file.resolveSibling(file.getFileName() + ".tmp");
    }

    @Override
    public ModelOverrides load() throws IOException {
        if (!Files.exists(file)) {
            return ModelOverrides.NONE;
        }
        StateFile state;
        try {
            state = JSON.readValue(file.toFile(), StateFile.class);
        } catch (JsonProcessingException e) {
            throw new IOException("model state file " + file + " is not valid: " + e.getOriginalMessage(), e);
        }
        if (state.format() != FORMAT) {
            throw new IOException("model state file " + file + " has format " + state.format() + ", expected "
                    + FORMAT);
        }
        return new ModelOverrides(state.models() == null ? Map.of() : state.models());
    }

    @Override
    public void save(ModelOverrides overrides) throws IOException {
        byte[] content = JSON.writer().with(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(new StateFile(FORMAT, overrides.models())).getBytes(StandardCharsets.UTF_8);
        Path directory = file.getParent();
        Files.createDirectories(directory);
        Path temporary = temporary();
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }
}
