package io.keyhold.cli;

import io.keyhold.time.Timestamps;
import io.keyhold.users.User;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes users in the shape of {@code manage.py dumpdata} for the seed's user model, one record
 * per line, so Django's {@code loaddata} and Keyhold's {@code import-django} both read it.
 * Timestamps keep their microseconds, which Django's parser accepts.
 */
final class DumpdataWriter implements Closeable {

    private final BufferedWriter out;
    private final JsonMapper jsonMapper;
    private final String model;
    private long written;

    DumpdataWriter(Path file, JsonMapper jsonMapper, String model) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        this.jsonMapper = jsonMapper;
        this.model = model;
        out.write("[");
    }

    void write(User user) throws IOException {
        out.write(written == 0 ? "\n" : ",\n");
        out.write(jsonMapper.writeValueAsString(record(user)));
        written++;
    }

    long written() {
        return written;
    }

    @Override
    public void close() throws IOException {
        out.write("\n]\n");
        out.close();
    }

    private Map<String, Object> record(User user) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("password", user.passwordHash());
        fields.put("last_login", Timestamps.format(user.lastLogin()));
        fields.put("is_superuser", user.superuser());
        fields.put("first_name", "");
        fields.put("last_name", "");
        fields.put("is_staff", user.staff());
        fields.put("is_active", user.active());
        fields.put("date_joined", Timestamps.format(user.createdAt()));
        fields.put("name", user.name());
        fields.put("email", user.email());
        // Django's CharFields hold "" rather than NULL for an empty value.
        fields.put("phone", user.phone() == null ? "" : user.phone());
        fields.put("gender", user.gender() == null ? "" : user.gender());
        fields.put("created_at", Timestamps.format(user.createdAt()));
        fields.put("updated_at", Timestamps.format(user.updatedAt()));
        fields.put("groups", List.of());
        fields.put("user_permissions", List.of());
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("model", model);
        record.put("pk", user.id());
        record.put("fields", fields);
        return record;
    }
}
