package io.keyhold.cli;

import io.keyhold.users.UserImport;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a {@code manage.py dumpdata} file one record at a time, so a million-user export never
 * has to fit in memory. Fields Keyhold has no use for ({@code session_token}, {@code groups},
 * {@code first_name}, …) are dropped here.
 */
final class DumpdataReader implements Closeable {

    private final CountingStream input;
    private final JsonParser parser;
    private final ObjectReader records;
    private final long size;
    private long position;

    /** The file is not a dumpdata export at all, or stops being JSON part way. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    private DumpdataReader(Path file, JsonMapper jsonMapper) throws IOException, Unreadable {
        this.size = Files.size(file);
        this.input = new CountingStream(Files.newInputStream(file));
        // One record at a time from a longer stream: the rest of the array is not "trailing" data.
        this.records = jsonMapper.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        try {
            this.parser = jsonMapper.createParser(input);
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new Unreadable("not a dumpdata export: it does not hold a JSON array");
            }
        } catch (JacksonException malformed) {
            input.close();
            throw new Unreadable("not a dumpdata export: " + malformed.getOriginalMessage());
        }
    }

    static DumpdataReader open(Path file, JsonMapper jsonMapper) throws IOException, Unreadable {
        return new DumpdataReader(file, jsonMapper);
    }

    /** The next record, or null at the end of the array. */
    UserImport.Record next() throws Unreadable {
        try {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_ARRAY || token == null) {
                return null;
            }
            position++;
            JsonNode node = records.readValue(parser);
            return toRecord(position, node);
        } catch (JacksonException malformed) {
            throw new Unreadable(
                    "the file stops being valid JSON at record " + position + ": " + malformed.getOriginalMessage());
        }
    }

    /** How far through the file reading has come, from 0 to 1. */
    double progress() {
        return size == 0 ? 1 : Math.min(1, (double) input.count / size);
    }

    @Override
    public void close() throws IOException {
        parser.close();
        input.close();
    }

    private static UserImport.Record toRecord(long position, JsonNode node) {
        JsonNode fields = node.path("fields");
        return new UserImport.Record(
                position,
                id(node.path("pk")),
                text(fields.path("email")),
                text(fields.path("name")),
                blankToNull(text(fields.path("phone"))),
                blankToNull(text(fields.path("gender"))),
                text(fields.path("password")),
                flag(fields.path("is_active")),
                flag(fields.path("is_staff")),
                flag(fields.path("is_superuser")),
                text(fields.path("last_login")),
                firstText(fields.path("created_at"), fields.path("date_joined")),
                firstText(fields.path("updated_at"), fields.path("created_at"), fields.path("date_joined")));
    }

    private static Long id(JsonNode pk) {
        if (pk.isIntegralNumber() && pk.canConvertToLong()) {
            return pk.asLong();
        }
        if (pk.isString() && pk.asString().matches("[0-9]{1,18}")) {
            return Long.parseLong(pk.asString());
        }
        return null;
    }

    private static String text(JsonNode value) {
        return value.isString() ? value.asString() : null;
    }

    private static String firstText(JsonNode... candidates) {
        for (JsonNode candidate : candidates) {
            if (candidate.isString()) {
                return candidate.asString();
            }
        }
        return null;
    }

    private static Boolean flag(JsonNode value) {
        return value.isBoolean() ? value.asBoolean() : null;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    /** Counts the bytes the parser has taken, for the progress bar. */
    private static final class CountingStream extends FilterInputStream {

        private long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int read = super.read();
            if (read >= 0) {
                count++;
            }
            return read;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                count += read;
            }
            return read;
        }
    }
}
