package io.sagashop.hub.access;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code hub-access.yml}. Strict on purpose: an unknown key (a misspelt {@code dispach})
 * stops the hub instead of silently granting or withholding a right.
 */
final class PermissionsFile {

    record File(Map<String, Entry> applications) {
    }

    record Entry(Commands commands, Queries queries, Events events, Boolean platform, HttpRole http) {
    }

    record Commands(List<String> dispatch, List<String> handle) {
    }

    record Queries(List<String> send, List<String> handle) {
    }

    record Events(Boolean read, Boolean append) {
    }

    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    private PermissionsFile() {
    }

    /** The applications the file declares, by name. */
    static Map<String, Application> read(InputStream in, String location) throws IOException {
        File file = YAML.readValue(in, File.class);
        if (file == null || file.applications() == null) {
            throw new IllegalStateException(location + " declares no applications");
        }
        Map<String, Application> applications = new LinkedHashMap<>();
        file.applications().forEach((name, entry) -> {
            if (Application.ADMIN.equals(name)) {
                throw new IllegalStateException(location + ": '" + Application.ADMIN
                        + "' is built in (every right) and cannot be redefined");
            }
            Entry e = entry == null ? new Entry(null, null, null, null, null) : entry;
            Commands commands = e.commands() == null ? new Commands(null, null) : e.commands();
            Queries queries = e.queries() == null ? new Queries(null, null) : e.queries();
            Events events = e.events() == null ? new Events(null, null) : e.events();
            applications.put(name, new Application(name, patterns(commands.dispatch()), patterns(commands.handle()),
                    patterns(queries.send()), patterns(queries.handle()), Boolean.TRUE.equals(events.read()),
                    Boolean.TRUE.equals(events.append()), Boolean.TRUE.equals(e.platform()),
                    e.http() == null ? HttpRole.NONE : e.http()));
        });
        return applications;
    }

    private static List<MessagePattern> patterns(List<String> texts) {
        return texts == null ? List.of() : texts.stream().map(MessagePattern::of).toList();
    }
}
