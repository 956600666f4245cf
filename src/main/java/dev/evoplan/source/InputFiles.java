package dev.evoplan.source;

import dev.evoplan.model.InputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The one check that an input is something to read: a FIFO blocks a reader until another process
 * writes to it (lint waited forever), a device never ends, a socket cannot be opened. Only regular
 * files (through symlinks) and folders are inputs.
 */
public final class InputFiles {
    private InputFiles() {}

    /** Refuses anything but a regular file or a folder; {@code shown} names it as the user did. */
    public static void requireFileOrFolder(Path path, String shown) {
        if (Files.isDirectory(path) || Files.isRegularFile(path)) {
            return;
        }
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.exists(path)) {
            return; // the caller says "no such file" in its own words
        }
        throw new InputException(
                shown, 0, "not a regular file (a FIFO, device or socket): refused as input");
    }

    /** The bytes of a regular file; anything else is refused before it is opened. */
    public static byte[] readAllBytes(Path path, String shown) {
        if (!Files.isRegularFile(path)) {
            requireFileOrFolder(path, shown);
        }
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new InputException(shown, 0, "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * A SQL file's bytes as text: UTF-8 or an input error. Decoding with replacement would let a
     * Latin-1 file through with its names and strings changed, and every command must agree on what
     * it read (lint refused such a file while plan and check took it).
     */
    public static String utf8(byte[] bytes, String shown) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InputException(shown, 0, "not UTF-8 text");
        }
    }
}
